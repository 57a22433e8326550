import type { Location } from '../range.js';

/**
 * A statically resolved Terraform value. `unknown` is a first-class value:
 * anything that depends on an input, a resource attribute or an unsupported
 * function is unknown, and carries the reason so that the review checklist
 * can tell a human what could not be decided (SPEC §2, certainty principle).
 *
 * `origin` is where the value was written (the literal, or the local /
 * variable default / tfvars entry it came from), used for related
 * information and hovers.
 */
export type Value = StringValue | NumberValue | BoolValue | NullValue | TupleValue | ObjectValue | UnknownValue;

interface ValueBase {
  origin?: Location;
}

export interface StringValue extends ValueBase {
  kind: 'string';
  value: string;
}

export interface NumberValue extends ValueBase {
  kind: 'number';
  value: number;
}

export interface BoolValue extends ValueBase {
  kind: 'bool';
  value: boolean;
}

export interface NullValue extends ValueBase {
  kind: 'null';
}

/** Lists, sets and tuples. */
export interface TupleValue extends ValueBase {
  kind: 'tuple';
  items: Value[];
}

/** Maps and objects. Insertion order is kept; Terraform sorts keys lexically when it iterates, see `sortedKeys`. */
export interface ObjectValue extends ValueBase {
  kind: 'object';
  entries: Map<string, Value>;
}

export interface UnknownValue extends ValueBase {
  kind: 'unknown';
  /** Why it is unknown, phrased for a reviewer: "var.actions is an input of this child module". */
  reason: string;
  /** True when evaluation would fail in Terraform too (missing key, bad index): `try()` moves past these. */
  failed?: boolean;
}

export const NULL: NullValue = { kind: 'null' };

export function str(value: string, origin?: Location): StringValue {
  return origin ? { kind: 'string', value, origin } : { kind: 'string', value };
}

export function num(value: number, origin?: Location): NumberValue {
  return origin ? { kind: 'number', value, origin } : { kind: 'number', value };
}

export function bool(value: boolean, origin?: Location): BoolValue {
  return origin ? { kind: 'bool', value, origin } : { kind: 'bool', value };
}

export function tuple(items: Value[], origin?: Location): TupleValue {
  return origin ? { kind: 'tuple', items, origin } : { kind: 'tuple', items };
}

export function object(entries: Map<string, Value>, origin?: Location): ObjectValue {
  return origin ? { kind: 'object', entries, origin } : { kind: 'object', entries };
}

export function unknown(reason: string, origin?: Location): UnknownValue {
  return origin ? { kind: 'unknown', reason, origin } : { kind: 'unknown', reason };
}


/** True when the value and everything inside it is known. */
export function isWhollyKnown(v: Value): boolean {
  switch (v.kind) {
    case 'unknown':
      return false;
    case 'tuple':
      return v.items.every(isWhollyKnown);
    case 'object':
      for (const item of v.entries.values()) if (!isWhollyKnown(item)) return false;
      return true;
    default:
      return true;
  }
}


export function withOrigin<V extends Value>(v: V, origin: Location | undefined): V {
  if (!origin || v.origin) return v;
  return { ...v, origin };
}

/** Terraform's string conversion of primitive values; undefined when not convertible. */
export function asString(v: Value): string | undefined {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'number':
      return String(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    default:
      return undefined;
  }
}


/** Converts a known value to plain JSON (unknowns become undefined). */
export function toJson(v: Value): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'tuple':
      return v.items.map(toJson);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, item] of v.entries) out[k] = toJson(item);
      return out;
    }
    case 'unknown':
      return undefined;
  }
}

/** Converts parsed JSON to a Value, attributing every part to `origin`. */
export function fromJson(data: unknown, origin?: Location): Value {
  if (data === null || data === undefined) return origin ? { kind: 'null', origin } : NULL;
  if (typeof data === 'string') return str(data, origin);
  if (typeof data === 'number') return num(data, origin);
  if (typeof data === 'boolean') return bool(data, origin);
  if (Array.isArray(data)) return tuple(data.map((d) => fromJson(d, origin)), origin);
  const entries = new Map<string, Value>();
  for (const [k, d] of Object.entries(data as Record<string, unknown>)) entries.set(k, fromJson(d, origin));
  return object(entries, origin);
}

export function describe(v: Value): string {
  switch (v.kind) {
    case 'string':
      return JSON.stringify(v.value);
    case 'number':
      return String(v.value);
    case 'bool':
      return String(v.value);
    case 'null':
      return 'null';
    case 'tuple':
      return `[${v.items.map(describe).join(', ')}]`;
    case 'object':
      return `{${[...v.entries].map(([k, item]) => `${k} = ${describe(item)}`).join(', ')}}`;
    case 'unknown':
      return '(unknown)';
  }
}
