import type { Attribute, Block, SourceFile } from '../parse/ast.js';
import type { RuleContext } from '../rules/rule.js';
import { findAttribute } from '../rules/rule.js';
import type { Scope } from '../evaluate/scope.js';
import type { Value } from '../evaluate/value.js';

/**
 * What a protection argument (`deletion_protection`, `storage_encrypted`,
 * `prevent_destroy` …) says across every instance of a resource:
 * - `default`: not written, or `null` everywhere — the provider default applies;
 * - `ok` / `bad`: known in every instance (one unprotected instance is enough for `bad`);
 * - `unknown`: depends on a value that is not known statically (certainty principle).
 */
export type ArgumentVerdict =
  | { kind: 'default' }
  | { kind: 'ok'; attribute: Attribute }
  | { kind: 'bad'; attribute: Attribute; text: string }
  | { kind: 'unknown'; attribute: Attribute; reason: string };

/** How one known value of the argument reads: protected, unprotected, or `null` (provider default). */
export type ValueReading = 'ok' | 'bad' | 'default';

export function judgeArgument(
  ctx: Pick<RuleContext, 'evaluate'>,
  block: Block,
  file: SourceFile,
  name: string,
  scopes: readonly Scope[],
  read: (value: Value) => ValueReading | undefined,
  defaultReading: 'ok' | 'bad',
): ArgumentVerdict {
  const attribute = findAttribute(block, name);
  if (!attribute) return { kind: 'default' };
  let unknownReason: string | undefined;
  let allDefault = true;
  for (const scope of scopes) {
    const value = ctx.evaluate(attribute.expr, file, scope);
    if (value.kind === 'unknown') {
      unknownReason ??= value.reason;
      allDefault = false;
      continue;
    }
    let reading = read(value);
    if (reading === undefined) {
      unknownReason ??= `${name} is not a value this check understands`;
      allDefault = false;
      continue;
    }
    if (reading === 'default') reading = defaultReading;
    else allDefault = false;
    if (reading === 'bad') return { kind: 'bad', attribute, text: displayValue(value) };
  }
  if (unknownReason !== undefined) return { kind: 'unknown', attribute, reason: unknownReason };
  return allDefault && scopes.length > 0 ? { kind: 'default' } : { kind: 'ok', attribute };
}

/** Terraform's conversion to bool: `true`/`false` and the strings "true"/"false"; `null` is the default. */
export function boolOf(value: Value): boolean | null | undefined {
  if (value.kind === 'bool') return value.value;
  if (value.kind === 'null') return null;
  if (value.kind === 'string' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
  return undefined;
}

/** Reads a value that protects when it equals `wanted` (a bool argument such as `deletion_protection`). */
export function expectBool(wanted: boolean): (value: Value) => ValueReading | undefined {
  return (value) => {
    const b = boolOf(value);
    if (b === undefined) return undefined;
    if (b === null) return 'default';
    return b === wanted ? 'ok' : 'bad';
  };
}

function displayValue(value: Value): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'bool':
    case 'number':
      return String(value.value);
    case 'null':
      return 'null';
    default:
      return value.kind;
  }
}

/**
 * Whether an argument is set to something other than null in every instance
 * (`replicate_source_db`, `snapshot_identifier` …): `yes`, `no`, or `unknown`
 * with the reason.
 */
export function argumentIsSet(
  ctx: Pick<RuleContext, 'evaluate'>,
  block: Block,
  file: SourceFile,
  name: string,
  scopes: readonly Scope[],
): { kind: 'yes' | 'no' } | { kind: 'unknown'; reason: string } {
  const attribute = findAttribute(block, name);
  if (!attribute) return { kind: 'no' };
  let sawSet = false;
  let sawNull = false;
  for (const scope of scopes) {
    const value = ctx.evaluate(attribute.expr, file, scope);
    if (value.kind === 'unknown') return { kind: 'unknown', reason: value.reason };
    if (value.kind === 'null' || (value.kind === 'string' && value.value === '')) sawNull = true;
    else sawSet = true;
  }
  if (sawSet && sawNull) return { kind: 'unknown', reason: `${name} is set in some instances only` };
  return { kind: sawSet ? 'yes' : 'no' };
}
