import type { Block, SourceFile } from '../parse/ast.js';
import type { RuleContext } from '../rules/rule.js';
import { findAttribute } from '../rules/rule.js';
import { EMPTY_SCOPE, extendScope, type Scope } from '../evaluate/scope.js';
import { iterate } from '../evaluate/evaluator.js';
import { num, object, str, type Value } from '../evaluate/value.js';

/** Above this many instances a resource is checked once, with `count`/`each` left unknown. */
const MAX_EXPANDED_INSTANCES = 64;

/**
 * The scopes to evaluate a resource's arguments in: one per instance when
 * `count` / `for_each` is known (so `each.value.protect` resolves per
 * instance), none when the resource has zero instances (`count = 0`), and a
 * single scope where `count.index` / `each.*` stay unknown otherwise.
 */
export function instanceScopes(ctx: Pick<RuleContext, 'evaluate'>, block: Block, file: SourceFile): Scope[] {
  const count = findAttribute(block, 'count');
  if (count) {
    const v = ctx.evaluate(count.expr, file);
    if (v.kind !== 'number' || !Number.isInteger(v.value) || v.value < 0) return [EMPTY_SCOPE];
    if (v.value > MAX_EXPANDED_INSTANCES) return [EMPTY_SCOPE];
    return Array.from({ length: v.value }, (_, i) => extendScope(EMPTY_SCOPE, { count: object(new Map([['index', num(i)]])) }));
  }
  const forEach = findAttribute(block, 'for_each');
  if (forEach) return iterationScopes(ctx.evaluate(forEach.expr, file), 'each', EMPTY_SCOPE) ?? [EMPTY_SCOPE];
  return [EMPTY_SCOPE];
}

/**
 * One scope per element of a `for_each` collection, binding `name` to
 * `{ key, value }` (a set of strings binds key = value). Undefined when the
 * collection is not known.
 */
export function iterationScopes(collection: Value, name: string, parent: Scope): Scope[] | undefined {
  if (collection.kind === 'null') return [];
  if (collection.kind !== 'tuple' && collection.kind !== 'object') return undefined;
  const pairs = iterate(collection);
  if (pairs.length > MAX_EXPANDED_INSTANCES) return undefined;
  return pairs.map(([key, value]) => {
    const k = collection.kind === 'tuple' ? value : key;
    return extendScope(parent, { [name]: object(new Map([['key', k.kind === 'number' ? str(String(k.value)) : k], ['value', value]])) });
  });
}
