import { SENSITIVE, UNKNOWN_AFTER_APPLY, type PlanValue } from '../plan/plan-model.js';

/**
 * Reading the plan's values for questions (SPEC §10). A value the plan marks
 * sensitive or unknown is a symbol (plan-model.ts): these helpers never turn
 * one into text other than `(sensitive)` / `(known after apply)`, and never
 * compare one as if it were known.
 */

export type PlanObject = { [key: string]: PlanValue };

export const SENSITIVE_TEXT = '(sensitive)';
export const UNKNOWN_TEXT = '(known after apply)';

export function isPlanObject(value: PlanValue | undefined): value is PlanObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An attribute of an object value; undefined when the value is not an object (null, unknown, sensitive). */
export function attribute(value: PlanValue | undefined, name: string): PlanValue | undefined {
  return isPlanObject(value) ? value[name] : undefined;
}

/** Whether the value, or anything inside it, is sensitive or unknown: it cannot be compared or printed as a whole. */
export function isOpaque(value: PlanValue | undefined): boolean {
  if (value === SENSITIVE || value === UNKNOWN_AFTER_APPLY) return true;
  if (Array.isArray(value)) return value.some(isOpaque);
  if (isPlanObject(value)) return Object.values(value).some(isOpaque);
  return false;
}

/** Why a value cannot be read, or undefined when it can (at its top level). */
export function opaqueReason(value: PlanValue | undefined): string | undefined {
  if (value === SENSITIVE) return SENSITIVE_TEXT;
  if (value === UNKNOWN_AFTER_APPLY) return UNKNOWN_TEXT;
  return undefined;
}

/**
 * Plain text of a value for a message: a string as it is, a number or bool as
 * written, a list or object as JSON — with every sensitive part written
 * `(sensitive)` and every unknown part `(known after apply)`.
 */
export function planValueText(value: PlanValue | undefined): string {
  const reason = opaqueReason(value);
  if (reason) return reason;
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  return JSON.stringify(value, (_key, v: unknown) => (v === SENSITIVE ? SENSITIVE_TEXT : v === UNKNOWN_AFTER_APPLY ? UNKNOWN_TEXT : v));
}

/** Equal when both are known and the same; undefined when either holds a sensitive or unknown part (not comparable). */
export function sameKnownValue(a: PlanValue | undefined, b: PlanValue | undefined): boolean | undefined {
  if (isOpaque(a) || isOpaque(b)) return undefined;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The strings of a string-or-list value (`cidr_blocks`, `source_ranges`); opaque entries kept as their reason. */
export function stringsOf(value: PlanValue | undefined): Array<{ known: true; value: string } | { known: false; reason: string }> {
  if (value === undefined || value === null) return [];
  const reason = opaqueReason(value);
  if (reason) return [{ known: false, reason }];
  const items: readonly PlanValue[] = Array.isArray(value) ? value : [value];
  const out: Array<{ known: true; value: string } | { known: false; reason: string }> = [];
  for (const item of items) {
    const why = opaqueReason(item);
    if (why) out.push({ known: false, reason: why });
    else if (typeof item === 'string' || typeof item === 'number') out.push({ known: true, value: String(item) });
  }
  return out;
}

/** `module.a["x"].aws_s3_bucket.b[0]` → `module.a.aws_s3_bucket.b`: the block all its instances come from. */
export function blockAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '');
}

/** A `replace_paths` entry as an argument path: `["ingress", 0, "cidr_blocks"]` → `ingress[0].cidr_blocks`. */
export function pathText(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out === '' ? step : `.${step}`;
  return out;
}
