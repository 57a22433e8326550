import type { PlanValue, SENSITIVE, UNKNOWN_AFTER_APPLY } from './plan-model.js';

/**
 * Applies the plan's marks (`after_unknown`, `before_sensitive`,
 * `after_sensitive`) to a value. A mark mirrors the value's shape: `true` at a
 * leaf or for a whole subtree, objects and arrays to descend, `false` or an
 * absent key for a part that is not marked.
 *
 * The value is a fresh `JSON.parse` result of one resource change, owned by the
 * reader, so it is changed in place: the marked strings become unreachable
 * instead of living on in a copy. When the mark's shape and the value's
 * disagree, the whole value is replaced if the mark holds any `true`: a
 * sensitive string must never survive a shape Terraform did not document, and
 * an unknown must not pass for a known value (certainty principle).
 */
export function applyMarks(value: unknown, marks: unknown, symbol: typeof SENSITIVE | typeof UNKNOWN_AFTER_APPLY): PlanValue | undefined {
  if (marks === true) return symbol;
  if (marks === null || typeof marks !== 'object') return value as PlanValue | undefined;
  if (Array.isArray(marks)) {
    if (!Array.isArray(value)) return marksAny(marks) ? symbol : (value as PlanValue | undefined);
    for (let i = 0; i < marks.length; i++) {
      const mark: unknown = marks[i];
      if (mark === false || mark === null || mark === undefined) continue;
      const marked = applyMarks(i < value.length ? value[i] : undefined, mark, symbol);
      if (marked !== undefined) value[i] = marked;
    }
    // A mark longer than the value leaves holes; an element nobody marked and nobody wrote is null, not missing.
    for (let i = 0; i < value.length; i++) if (!(i in value)) value[i] = null;
    return value as PlanValue;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return marksAny(marks) ? symbol : (value as PlanValue | undefined);
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(marks)) {
    const mark = (marks as Record<string, unknown>)[key];
    if (mark === false || mark === null || mark === undefined) continue;
    // Own properties only: a key such as `__proto__` must reach neither Object.prototype nor a setter.
    const child = Object.hasOwn(object, key) ? object[key] : undefined;
    const marked = applyMarks(child, mark, symbol);
    if (marked !== undefined) Object.defineProperty(object, key, { value: marked, writable: true, enumerable: true, configurable: true });
  }
  return object as PlanValue;
}

/** Whether a mark marks anything. */
function marksAny(marks: unknown): boolean {
  if (marks === true) return true;
  if (marks === null || typeof marks !== 'object') return false;
  const children: unknown[] = Array.isArray(marks) ? marks : Object.values(marks);
  return children.some(marksAny);
}
