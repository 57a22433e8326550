import type { BinaryOperator } from '../parse/ast.js';
import type { Location } from '../range.js';
import { asString, bool, num, unknown, type Value } from './value.js';
import { valuesEqual } from './equality.js';

function failedOp(reason: string, origin: Location): Value {
  return { kind: 'unknown', reason, failed: true, origin };
}

function toNumber(v: Value): number | undefined {
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && v.value.trim() !== '' && !Number.isNaN(Number(v.value))) return Number(v.value);
  return undefined;
}

function toBool(v: Value): boolean | undefined {
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  return undefined;
}

export function applyBinary(op: BinaryOperator, left: Value, right: Value, origin: Location): Value {
  // Short-circuit on known operands even when the other side is unknown.
  if (op === '&&' || op === '||') {
    const l = left.kind === 'unknown' ? undefined : toBool(left);
    const r = right.kind === 'unknown' ? undefined : toBool(right);
    if (op === '&&' && (l === false || r === false)) return bool(false, origin);
    if (op === '||' && (l === true || r === true)) return bool(true, origin);
    if (left.kind === 'unknown') return unknown(left.reason, origin);
    if (right.kind === 'unknown') return unknown(right.reason, origin);
    if (l === undefined || r === undefined) return failedOp(`"${op}" needs bool operands`, origin);
    return bool(op === '&&' ? l && r : l || r, origin);
  }
  if (left.kind === 'unknown') return unknown(left.reason, origin);
  if (right.kind === 'unknown') return unknown(right.reason, origin);
  if (op === '==' || op === '!=') {
    const eq = valuesEqual(left, right);
    if (eq === undefined) return unknown('compares values that are not fully known', origin);
    return bool(op === '==' ? eq : !eq, origin);
  }
  const l = toNumber(left);
  const r = toNumber(right);
  if (l === undefined || r === undefined) {
    return failedOp(`"${op}" needs number operands, got ${asString(left) ?? left.kind} and ${asString(right) ?? right.kind}`, origin);
  }
  switch (op) {
    case '+':
      return num(l + r, origin);
    case '-':
      return num(l - r, origin);
    case '*':
      return num(l * r, origin);
    case '/':
      return r === 0 ? failedOp('division by zero', origin) : num(l / r, origin);
    case '%':
      return r === 0 ? failedOp('modulo by zero', origin) : num(l % r, origin);
    case '<':
      return bool(l < r, origin);
    case '<=':
      return bool(l <= r, origin);
    case '>':
      return bool(l > r, origin);
    case '>=':
      return bool(l >= r, origin);
  }
}

export function applyUnary(op: '!' | '-', operand: Value, origin: Location): Value {
  if (operand.kind === 'unknown') return unknown(operand.reason, origin);
  if (op === '!') {
    const b = toBool(operand);
    return b === undefined ? failedOp('"!" needs a bool', origin) : bool(!b, origin);
  }
  const n = toNumber(operand);
  return n === undefined ? failedOp('"-" needs a number', origin) : num(-n, origin);
}
