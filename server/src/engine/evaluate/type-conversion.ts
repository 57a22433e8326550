import type { Expression } from '../parse/ast.js';
import { NULL, object, tuple, type Value } from './value.js';

/**
 * The part of a variable's type constraint that changes a value when
 * Terraform converts it: object attributes declared `optional(T)` or
 * `optional(T, default)` that a value leaves out are added (null, or the
 * default), at any depth — inside `map(…)`, `list(…)`, `set(…)`, tuples and
 * nested objects. Everything else is kept as written: the review does not
 * re-check types, which Terraform itself rejects at plan.
 */
export type TypeShape =
  | { kind: 'object'; attributes: Map<string, { type: TypeShape; optional: boolean; default?: Expression }> }
  | { kind: 'collection'; element: TypeShape }
  | { kind: 'tuple'; elements: TypeShape[] }
  | { kind: 'other' };

const OTHER: TypeShape = { kind: 'other' };

/** Reads a `type = …` expression; anything it does not recognise is `other` (no conversion). */
export function typeShape(expr: Expression): TypeShape {
  if (expr.kind === 'Paren') return typeShape(expr.expr);
  if (expr.kind !== 'Call') return OTHER;
  const [first] = expr.args;
  switch (expr.name) {
    case 'map':
    case 'list':
    case 'set':
      return first ? collection(typeShape(first)) : OTHER;
    case 'tuple':
      return first?.kind === 'Tuple' ? { kind: 'tuple', elements: first.items.map(typeShape) } : OTHER;
    case 'object': {
      if (first?.kind !== 'Object') return OTHER;
      const attributes = new Map<string, { type: TypeShape; optional: boolean; default?: Expression }>();
      for (const item of first.items) {
        const name = item.key.kind === 'Variable' ? item.key.name : undefined;
        if (!name) continue;
        const value = item.value;
        if (value.kind === 'Call' && value.name === 'optional' && value.args[0]) {
          const attr: { type: TypeShape; optional: boolean; default?: Expression } = { type: typeShape(value.args[0]), optional: true };
          if (value.args[1]) attr.default = value.args[1];
          attributes.set(name, attr);
        } else attributes.set(name, { type: typeShape(value), optional: false });
      }
      return { kind: 'object', attributes };
    }
    default:
      return OTHER;
  }
}

function collection(element: TypeShape): TypeShape {
  return element.kind === 'other' ? OTHER : { kind: 'collection', element };
}

/** Whether converting to this shape can change a value at all (most constraints cannot: nothing to do). */
export function changesValues(shape: TypeShape): boolean {
  return shape.kind !== 'other';
}

/**
 * `value` converted to `shape`: missing optional attributes added. An
 * optional attribute's default is evaluated with `evaluateDefault` (defaults
 * are constants in the variable's own file).
 */
export function convertToShape(value: Value, shape: TypeShape, evaluateDefault: (expr: Expression) => Value): Value {
  switch (shape.kind) {
    case 'other':
      return value;
    case 'collection':
      if (value.kind === 'tuple') return withSameOrigin(value, tuple(value.items.map((v) => convertToShape(v, shape.element, evaluateDefault))));
      if (value.kind === 'object') {
        const entries = new Map<string, Value>();
        for (const [k, v] of value.entries) entries.set(k, convertToShape(v, shape.element, evaluateDefault));
        return withSameOrigin(value, object(entries));
      }
      return value;
    case 'tuple':
      if (value.kind !== 'tuple') return value;
      return withSameOrigin(value, tuple(value.items.map((v, i) => (shape.elements[i] ? convertToShape(v, shape.elements[i]!, evaluateDefault) : v))));
    case 'object': {
      if (value.kind !== 'object') return value;
      const entries = new Map(value.entries);
      for (const [name, attr] of shape.attributes) {
        const present = entries.get(name);
        if (present !== undefined) {
          entries.set(name, convertToShape(present, attr.type, evaluateDefault));
          continue;
        }
        if (!attr.optional) continue;
        entries.set(name, attr.default ? convertToShape(evaluateDefault(attr.default), attr.type, evaluateDefault) : NULL);
      }
      return withSameOrigin(value, object(entries));
    }
  }
}

function withSameOrigin<V extends Value>(from: Value, to: V): V {
  return from.origin ? { ...to, origin: from.origin } : to;
}

/** Shapes by variable declaration: a type constraint is parsed once. */
const shapes = new WeakMap<Expression, TypeShape>();

export function shapeOf(typeExpr: Expression): TypeShape {
  let shape = shapes.get(typeExpr);
  if (!shape) shapes.set(typeExpr, (shape = typeShape(typeExpr)));
  return shape;
}
