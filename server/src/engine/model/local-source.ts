import { resolve } from 'node:path';
import type { ModuleCallRef } from './module.js';
import { findAttribute } from '../rules/rule.js';
import { classifyModuleSource } from '../versioning/module-source.js';

/**
 * The directory a module call's local `source` names (`./x`, `../..`), or
 * undefined when the source is not a local path written as a literal.
 * Terraform requires `source` to be a literal string, so no evaluation is
 * needed: a template with interpolations is not a source Terraform accepts.
 */
export function localSourceDir(moduleDir: string, call: ModuleCallRef): string | undefined {
  const attr = findAttribute(call.block, 'source');
  if (!attr || attr.expr.kind !== 'Template') return undefined;
  const parts = attr.expr.parts;
  if (parts.length !== 1 || parts[0]!.kind !== 'TemplateLiteral') return undefined;
  const raw = parts[0]!.value;
  if (classifyModuleSource(raw).kind !== 'local') return undefined;
  // A local source may name a subdirectory with `//`; the path itself is what Terraform loads.
  return resolve(moduleDir, raw.trim());
}
