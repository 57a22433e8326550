import type { Expression, SourceFile } from '../parse/ast.js';
import type { Value } from '../evaluate/value.js';
import type { Module } from './module.js';
import { providerRequirements } from '../versioning/provider-requirements.js';

/** Local name → provider type, per module: the same module is asked once per resource. */
const typesByModule = new WeakMap<Module, Map<string, string>>();

/**
 * The provider type a local name stands for: the last segment of its
 * `required_providers` source (`hashicorp/google-beta` → `google-beta`,
 * whatever the local name), else the name itself — Terraform's default for an
 * undeclared provider is `hashicorp/<name>`.
 */
export function providerTypeOf(module: Module, localName: string, evaluate: (expr: Expression, file: SourceFile) => Value): string {
  let types = typesByModule.get(module);
  if (!types) {
    types = new Map();
    for (const [name, requirement] of providerRequirements(module, evaluate)) {
      const source = requirement.source?.value;
      if (source?.kind === 'string') types.set(name, source.value.split('/').pop()!.toLowerCase());
    }
    typesByModule.set(module, types);
  }
  return types.get(localName) ?? localName;
}
