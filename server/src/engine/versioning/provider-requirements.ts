/**
 * Which providers a module uses, and what its `required_providers` says
 * about them.
 */
import type { Attribute, Block, Expression, ObjectExpr, SourceFile } from '../parse/ast.js';
import type { Module } from '../model/module.js';
import type { Value } from '../evaluate/value.js';
import { findAttribute, findBlocks } from '../rules/rule.js';
import { compareModuleOrder } from './module-anchor.js';

/** Terraform's built-in provider (`terraform_data`, `terraform_remote_state`): never declared. */
export const BUILTIN_PROVIDER = 'terraform';

/**
 * True for a source address of a provider built into Terraform,
 * `terraform.io/builtin/<type>`: it ships with Terraform itself, so there is
 * no release to pin and no version constraint to ask for.
 */
export function isBuiltinProviderSource(source: string): boolean {
  const parts = source.trim().toLowerCase().split('/');
  return parts.length === 3 && parts[0] === 'terraform.io' && parts[1] === 'builtin' && parts[2] !== '';
}

export interface ProviderUse {
  /** Local name of the provider (`aws`, `google-beta`). */
  name: string;
  block: Block;
  file: SourceFile;
  /** What uses it, for messages: `aws_s3_bucket.logs`, `provider "aws"`, `module.vpc`. */
  user: string;
  /** Terraform address of the using block, when it has one. */
  address?: string;
}

/** The provider a resource type implies: the part before the first `_`. */
export function impliedProviderName(resourceType: string): string {
  const i = resourceType.indexOf('_');
  return i < 0 ? resourceType : resourceType.slice(0, i);
}

/** The root name of a provider reference expression (`aws`, `aws.west`). */
export function providerReferenceName(expr: Expression): string | undefined {
  let e = expr;
  while (e.kind === 'GetAttr' || e.kind === 'Paren') e = e.kind === 'GetAttr' ? e.object : e.expr;
  if (e.kind === 'Variable') return e.name;
  // JSON syntax writes references as strings: "aws.west".
  if (e.kind === 'Template' && e.parts.length === 1 && e.parts[0]!.kind === 'TemplateLiteral') {
    const m = /^([A-Za-z][A-Za-z0-9_-]*)(?:\.[A-Za-z0-9_-]+)?$/.exec(e.parts[0]!.value);
    return m?.[1];
  }
  return undefined;
}

/**
 * Every use of a provider in the module, first use first (file order, then
 * position): resources, data sources (also inside `check` blocks), ephemeral
 * resources, `provider` blocks, and the values of module calls' `providers`
 * maps. The built-in `terraform` provider is left out.
 */
export function providerUses(module: Module): ProviderUse[] {
  const uses: ProviderUse[] = [];
  const add = (use: ProviderUse) => {
    if (use.name !== BUILTIN_PROVIDER) uses.push(use);
  };

  for (const r of [...module.resources, ...module.dataSources, ...module.scopedDataSources]) {
    add({ name: r.provider.name, block: r.block, file: r.file, user: r.address, address: r.address });
  }
  for (const p of module.providers) {
    add({ name: p.name, block: p.block, file: p.file, user: `the provider "${p.name}" block` });
  }
  for (const call of module.moduleCalls) {
    const providers = findAttribute(call.block, 'providers');
    if (!providers || providers.expr.kind !== 'Object') continue;
    for (const item of providers.expr.items) {
      const name = providerReferenceName(item.value);
      if (name) add({ name, block: call.block, file: call.file, user: call.address, address: call.address });
    }
  }
  // Blocks the model does not list: ephemeral resources.
  for (const file of module.files) {
    for (const item of file.body) {
      if (item.kind !== 'Block') continue;
      if (item.type === 'ephemeral' && item.labels.length >= 2) {
        const type = item.labels[0]!.value;
        const address = `ephemeral.${type}.${item.labels[1]!.value}`;
        add({ name: explicitProvider(item) ?? impliedProviderName(type), block: item, file, user: address, address });
      }
    }
  }

  return uses
    .map((u, i) => ({ u, i, place: { file: u.file, at: u.block.range.start } }))
    .sort((a, b) => compareModuleOrder(module, a.place, b.place) || a.i - b.i)
    .map((x) => x.u);
}

function explicitProvider(block: Block): string | undefined {
  const attr = findAttribute(block, 'provider');
  return attr ? providerReferenceName(attr.expr) : undefined;
}

// ---------------------------------------------------------------------------
// required_providers

export interface RequirementField {
  expr: Expression;
  value: Value;
}

export interface ProviderRequirement {
  name: string;
  /** The entry (`aws = { … }`) in `required_providers`. */
  attribute: Attribute;
  file: SourceFile;
  /** The pre-0.13 string form `aws = "~> 5.0"`: a version and no source. */
  legacy: boolean;
  source?: RequirementField;
  version?: RequirementField;
  /** Set when the entry itself could not be evaluated. */
  unknownReason?: string;
  /** The source is a built-in provider (`terraform.io/builtin/terraform`): nothing to pin. */
  builtin: boolean;
}

type Evaluate = (expr: Expression, file: SourceFile) => Value;

/** Every entry of every `required_providers` block, by local name (the first entry wins on duplicates). */
export function providerRequirements(module: Module, evaluate: Evaluate): Map<string, ProviderRequirement> {
  const out = new Map<string, ProviderRequirement>();
  for (const t of module.terraformBlocks) {
    for (const rp of findBlocks(t.block, 'required_providers')) {
      for (const item of rp.body) {
        if (item.kind !== 'Attribute' || out.has(item.name)) continue;
        out.set(item.name, readRequirement(item, t.file, evaluate));
      }
    }
  }
  return out;
}

function readRequirement(attribute: Attribute, file: SourceFile, evaluate: Evaluate): ProviderRequirement {
  const req: ProviderRequirement = { name: attribute.name, attribute, file, legacy: false, builtin: false };
  const expr = attribute.expr;
  if (expr.kind === 'Object') {
    const source = objectField(expr, 'source');
    const version = objectField(expr, 'version');
    if (source) req.source = { expr: source, value: evaluate(source, file) };
    if (version) req.version = { expr: version, value: evaluate(version, file) };
    return withBuiltin(req);
  }
  const value = evaluate(expr, file);
  switch (value.kind) {
    case 'string':
      req.legacy = true;
      req.version = { expr, value };
      break;
    case 'object': {
      const source = value.entries.get('source');
      const version = value.entries.get('version');
      if (source) req.source = { expr, value: source };
      if (version) req.version = { expr, value: version };
      break;
    }
    case 'unknown':
      req.unknownReason = value.reason;
      break;
    default:
      break;
  }
  return withBuiltin(req);
}

function withBuiltin(req: ProviderRequirement): ProviderRequirement {
  const source = req.source?.value;
  req.builtin = source?.kind === 'string' && isBuiltinProviderSource(source.value);
  return req;
}

function objectField(obj: ObjectExpr, name: string): Expression | undefined {
  for (const item of obj.items) {
    const key = item.key;
    if (item.keyIsIdentifier && key.kind === 'Variable' && key.name === name) return item.value;
    if (key.kind === 'Template' && key.parts.length === 1 && key.parts[0]!.kind === 'TemplateLiteral' && key.parts[0]!.value === name) {
      return item.value;
    }
  }
  return undefined;
}
