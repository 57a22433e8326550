import type { Value } from './value.js';

/** Extra name bindings in force while evaluating (for-expression variables, `each`, `count`). */
export type Scope = ReadonlyMap<string, Value>;

export const EMPTY_SCOPE: Scope = new Map();

export function extendScope(parent: Scope, bindings: Record<string, Value>): Scope {
  const next = new Map(parent);
  for (const [k, v] of Object.entries(bindings)) next.set(k, v);
  return next;
}
