import type { Value } from '../evaluate/value.js';
import { bool, num, object, str, tuple, NULL } from '../evaluate/value.js';
import { valuesEqual } from '../evaluate/equality.js';
import { MAX_MATCHED_TEXT } from '../config/user-pattern.js';
import { parseVersionConstraint } from '../versioning/version-constraint.js';
import type { JsonValue, Operator } from './policy.js';

/**
 * Whether one known value meets an operator (other than present/absent):
 * true, false, or undefined when a part of the value that decides it is
 * unknown. Values are compared as Terraform converts them: `"true"` equals
 * true, `"90"` equals 90.
 */
export function meets(operator: Exclude<Operator, { name: 'present' | 'absent' }>, value: Value): boolean | undefined {
  if (value.kind === 'unknown') return undefined;
  switch (operator.name) {
    case 'equals':
      return equalsJson(value, operator.value);
    case 'oneOf': {
      let result: boolean | undefined = false;
      for (const allowed of operator.values) {
        const eq = equalsJson(value, allowed);
        if (eq) return true;
        if (eq === undefined) result = undefined;
      }
      return result;
    }
    case 'matches': {
      const text = scalarText(value);
      if (text === undefined) return false;
      // Beyond the bound a match is not run: too long to be a name or a tag value, so not decided here.
      if (text.length > MAX_MATCHED_TEXT) return undefined;
      return operator.pattern.test(text);
    }
    case 'lessThan':
    case 'atLeast': {
      const n = numberOf(value);
      if (n === undefined) return false;
      return operator.name === 'lessThan' ? n < operator.value : n >= operator.value;
    }
    case 'contains':
      return contains(value, operator.value);
    case 'notContains': {
      const c = contains(value, operator.value);
      return c === undefined ? undefined : !c;
    }
    case 'versionAtLeast': {
      const text = scalarText(value);
      if (text === undefined) return false;
      const lowest = lowestAllowedVersion(versionText(text));
      return lowest !== undefined && compareVersions(lowest, operator.version) >= 0;
    }
  }
}

/** What the operator expects, for messages: `expected one of "dev", "prod"`. */
export function expectation(operator: Operator): string {
  switch (operator.name) {
    case 'present':
      return 'expected it to be set';
    case 'absent':
      return 'expected it not to be set';
    case 'equals':
      return `expected ${JSON.stringify(operator.value)}`;
    case 'oneOf':
      return `expected one of ${operator.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'matches':
      return `expected a value matching ${operator.pattern.source}`;
    case 'lessThan':
      return `expected less than ${operator.value}`;
    case 'atLeast':
      return `expected at least ${operator.value}`;
    case 'contains':
      return `expected it to contain ${JSON.stringify(operator.value)}`;
    case 'notContains':
      return `expected it not to contain ${JSON.stringify(operator.value)}`;
    case 'versionAtLeast':
      return `expected a version constraint allowing nothing below ${operator.text}`;
  }
}

/** A value as messages show it, kept short. */
export function displayValue(value: Value): string {
  switch (value.kind) {
    case 'string': {
      const text = JSON.stringify(value.value);
      return text.length > 80 ? `${text.slice(0, 77)}…"` : text;
    }
    case 'number':
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    case 'tuple':
      return value.items.length <= 5 ? `[${value.items.map(displayValue).join(', ')}]` : `a list of ${value.items.length}`;
    case 'object':
      return 'an object';
    case 'unknown':
      return 'not known';
  }
}

export function jsonToValue(json: JsonValue): Value {
  if (json === null) return NULL;
  if (Array.isArray(json)) return tuple(json.map(jsonToValue));
  switch (typeof json) {
    case 'string':
      return str(json);
    case 'number':
      return num(json);
    case 'boolean':
      return bool(json);
    default:
      return object(new Map(Object.entries(json).map(([k, v]) => [k, jsonToValue(v)])));
  }
}

function equalsJson(value: Value, expected: JsonValue): boolean | undefined {
  if (value.kind === 'unknown') return undefined;
  // Terraform converts between strings and the primitive an argument is typed as.
  if (typeof expected === 'boolean' && value.kind === 'string') return value.value === String(expected);
  if (typeof expected === 'number' && value.kind === 'string') return numberOf(value) === expected;
  if (typeof expected === 'string' && (value.kind === 'number' || value.kind === 'bool')) return String(value.value) === expected;
  return valuesEqual(value, jsonToValue(expected));
}

function contains(value: Value, needle: JsonValue): boolean | undefined {
  if (value.kind === 'unknown') return undefined;
  if (value.kind === 'tuple') {
    let result: boolean | undefined = false;
    for (const item of value.items) {
      const eq = equalsJson(item, needle);
      if (eq) return true;
      if (eq === undefined) result = undefined;
    }
    return result;
  }
  if (value.kind === 'object') return typeof needle === 'string' && value.entries.has(needle);
  if (value.kind === 'string') return typeof needle === 'string' && value.value.includes(needle);
  return false;
}

function scalarText(value: Value): string | undefined {
  return value.kind === 'string' ? value.value : value.kind === 'number' || value.kind === 'bool' ? String(value.value) : undefined;
}

function numberOf(value: Value): number | undefined {
  if (value.kind === 'number') return value.value;
  if (value.kind === 'string' && value.value.trim() !== '' && Number.isFinite(Number(value.value))) return Number(value.value);
  return undefined;
}

/** A git module source's `ref=` is its version (`git::https://…?ref=v2.1.0`); anything else is read as a constraint. */
function versionText(text: string): string {
  const ref = /[?&]ref=([^&]+)/.exec(text);
  return ref ? ref[1]! : text;
}

/** The lowest version a constraint allows: the highest of its lower bounds; undefined when it has none. */
export function lowestAllowedVersion(constraint: string): number[] | undefined {
  const parsed = parseVersionConstraint(constraint);
  if (!parsed.ok) return undefined;
  let lowest: number[] | undefined;
  for (const clause of parsed.clauses) {
    if (clause.op !== '=' && clause.op !== '>=' && clause.op !== '>' && clause.op !== '~>') continue;
    if (!lowest || compareVersions(clause.version.segments, lowest) > 0) lowest = clause.version.segments;
  }
  return lowest;
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
