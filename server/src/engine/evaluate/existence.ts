/**
 * Conditional existence (SPEC §2a): `count = var.create ? 1 : 0`, a `dynamic`
 * block over `cond ? [1] : []`, `for_each` over a known collection filtered
 * by an unknown condition. Such a condition decides only *whether* elements
 * exist, not what they hold, so the review assumes they exist and says when:
 * the elements come back with the condition that was assumed
 * (`var.create is true`). Content that is itself unknown stays unknown
 * (`count = var.n`, `for_each = var.map`, `cond ? var.list : []`).
 *
 * Every rule reads instances through `instances` / `dynamicInstances`, so
 * they all follow one policy.
 */
import type { Block, ConditionalExpr, Expression, SourceFile } from '../parse/ast.js';
import { comparePositions, rangeContains as contains, rangeText, type Range } from '../range.js';
import type { BlockRef, Module } from '../model/module.js';
import { findAttribute, findBlocks, type RuleContext } from '../rules/rule.js';
import type { ModuleEvaluator } from './evaluator.js';
import { iterate } from './evaluator.js';
import { EMPTY_SCOPE, extendScope, type Scope } from './scope.js';
import { num, object, str, unknown, type UnknownValue, type Value } from './value.js';

/** A `count` / `for_each` value, with the conditions assumed to reach it (empty when nothing was assumed). */
export interface Existence {
  value: Value;
  when: readonly string[];
}

/** One instance of a block: the scope to evaluate its content in, and the conditions under which it exists. */
export interface Instance {
  scope: Scope;
  when: readonly string[];
}

/** What the instance functions need: an evaluator and its existence mode (a rule context, or a hover's). */
export type ExistenceContext = Pick<RuleContext<unknown>, 'evaluate' | 'existence'> & Partial<Pick<RuleContext<unknown>, 'planned'>>;

/** Above this many elements a block is reviewed once, with its iteration variables unknown, so a huge literal cannot stall the editor. */
export const MAX_INSTANCES = 256;

type CachedLocal = { value: Value; when: readonly string[] };

/** Locals as existence evaluation sees them, per evaluator: kept apart from the evaluator's own cache. */
const localCaches = new WeakMap<ModuleEvaluator, Map<string, CachedLocal>>();

/**
 * Evaluates a `count` / `for_each` expression in existence mode: an unknown
 * condition whose one branch is empty and whose other branch is a known
 * collection or count is assumed to pick the other branch; an unknown
 * for-expression filter keeps the element. Each assumption is recorded.
 */
export function evaluateExistence(evaluator: ModuleEvaluator, expr: Expression, file: SourceFile, scope: Scope = EMPTY_SCOPE): Existence {
  const outer = evaluator.existence;
  const recorder = outer ?? new ExistenceRecorder(evaluator);
  evaluator.existence = recorder;
  try {
    const { result, when } = recorder.capture(() => evaluator.evaluate(expr, file, scope));
    return { value: result, when };
  } finally {
    evaluator.existence = outer;
  }
}

/** The evaluator's partner in existence mode: decides what may be assumed, and records it. */
export class ExistenceRecorder {
  private when: string[] = [];
  private readonly locals: Map<string, CachedLocal>;

  constructor(private readonly evaluator: ModuleEvaluator) {
    let cache = localCaches.get(evaluator);
    if (!cache) localCaches.set(evaluator, (cache = new Map()));
    this.locals = cache;
  }

  /** Runs `fn`, returning its result and the conditions it assumed (which are not kept here). */
  capture<T>(fn: () => T): { result: T; when: string[] } {
    const saved = this.when;
    this.when = [];
    try {
      const result = fn();
      return { result, when: this.when };
    } finally {
      this.when = saved;
    }
  }

  private record(conditions: readonly string[]): void {
    for (const c of conditions) if (!this.when.includes(c)) this.when.push(c);
  }

  /** `cond ? x : <empty>` with `cond` unknown: `x` when it is a known collection or count, assuming `cond`. */
  assumeBranch(expr: ConditionalExpr, file: SourceFile, scope: Scope, cond: UnknownValue): Value | undefined {
    // A condition Terraform could not evaluate either (an undeclared variable) decides nothing.
    if (cond.failed) return undefined;
    const then = this.capture(() => this.evaluator.evaluate(expr.then, file, scope));
    const otherwise = this.capture(() => this.evaluator.evaluate(expr.else, file, scope));
    if (isEmpty(then.result) && isEmpty(otherwise.result)) return then.result;
    for (const [kept, other, truth] of [
      [then, otherwise, true],
      [otherwise, then, false],
    ] as const) {
      if (!isEmpty(other.result)) continue;
      // `cond ? var.list : []`: the content is what is unknown, and the checklist should say so.
      if (kept.result.kind === 'unknown' && !kept.result.failed) return kept.result;
      if (!decidesExistence(kept.result)) continue;
      this.record(kept.when);
      this.record(conditionText(this.evaluator, expr.cond, file, scope, truth));
      return kept.result;
    }
    return undefined;
  }

  /** A for-expression filter that is not known for one element: the element is kept, under that filter. */
  assumeFilter(cond: Expression, file: SourceFile, scope: Scope): boolean {
    this.record(conditionText(this.evaluator, cond, file, scope, true));
    return true;
  }

  /** `local.<name>` in existence mode: evaluated once, its assumptions replayed at every use. */
  local(name: string, compute: () => Value, inCycle: () => boolean): Value {
    const cached = this.locals.get(name);
    if (cached) {
      this.record(cached.when);
      return cached.value;
    }
    const { result, when } = this.capture(compute);
    this.record(when);
    if (!inCycle() || result.kind !== 'unknown') this.locals.set(name, { value: result, when });
    return result;
  }
}

/** 0, [], {}, toset([]), null: a branch under which nothing exists. */
function isEmpty(v: Value): boolean {
  switch (v.kind) {
    case 'null':
      return true;
    case 'number':
      return v.value === 0;
    case 'tuple':
      return v.items.length === 0;
    case 'object':
      return v.entries.size === 0;
    default:
      return false;
  }
}

/** A value that says which elements exist: a count or a collection (a string or bool would be content, not existence). */
function decidesExistence(v: Value): boolean {
  return v.kind === 'number' || v.kind === 'tuple' || v.kind === 'object';
}

const NEGATED: Partial<Record<string, string>> = { '==': '!=', '!=': '==', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };

/**
 * How a reviewer reads an assumed condition: the part of it that is not
 * known (`v.enabled && var.create` with `v.enabled` true reads `var.create is
 * true`), a conjunction side by side (`var.a && !var.b` reads `var.a is true
 * and var.b is false`), a comparison as written (or negated), anything else
 * `… is true/false`.
 */
export function conditionText(evaluator: ModuleEvaluator, cond: Expression, file: SourceFile, scope: Scope, truth: boolean): string[] {
  let e = cond;
  while (e.kind === 'Paren') e = e.expr;
  if (e.kind === 'Unary' && e.op === '!') return conditionText(evaluator, e.operand, file, scope, !truth);
  if (e.kind === 'Binary' && (e.op === '&&' || e.op === '||')) {
    // The neutral element of the operator (true for &&, false for ||) leaves the other side deciding.
    const neutral = e.op === '&&';
    const left = evaluator.evaluate(e.left, file, scope);
    const right = evaluator.evaluate(e.right, file, scope);
    if (left.kind === 'bool' && left.value === neutral) return conditionText(evaluator, e.right, file, scope, truth);
    if (right.kind === 'bool' && right.value === neutral) return conditionText(evaluator, e.left, file, scope, truth);
    // `a && b` true (`a || b` false) is both sides so: said side by side, each in its own words.
    if (truth === neutral) {
      return [...conditionText(evaluator, e.left, file, scope, truth), ...conditionText(evaluator, e.right, file, scope, truth)];
    }
  }
  if (e.kind === 'Binary' && NEGATED[e.op]) {
    const op = truth ? e.op : NEGATED[e.op]!;
    return [`${sourceText(file, e.left.range)} ${op} ${sourceText(file, e.right.range)}`];
  }
  return [`${sourceText(file, e.range)} is ${truth}`];
}

function sourceText(file: SourceFile, range: Range): string {
  return rangeText(file, range).replace(/\s+/g, ' ').trim();
}

/**
 * The instances of a resource, data source or module call: none for
 * `count = 0` or an empty `for_each`; one per element of a known
 * `for_each` (`each.key`, `each.value` bound) or per index of a known
 * `count` (`count.index`); one instance whose iteration variables are unknown
 * when the count or collection is itself unknown. Without `count` /
 * `for_each`, one instance in `scope`.
 */
export function instances(ctx: ExistenceContext, block: Block, file: SourceFile, scope: Scope = EMPTY_SCOPE): Instance[] {
  const count = findAttribute(block, 'count');
  if (count) {
    const { value, when } = ctx.existence(count.expr, file, scope);
    if (value.kind === 'number' && Number.isInteger(value.value) && value.value >= 0 && value.value <= MAX_INSTANCES) {
      return Array.from({ length: value.value }, (_, i) => ({ scope: extendScope(scope, { count: object(new Map([['index', num(i)]])) }), when }));
    }
    if (value.kind === 'null') return [];
    const planned = plannedInstances(ctx, block, value, scope, 'count');
    if (planned) return planned;
    return [{ scope: extendScope(scope, { count: unknownIteration('count', 'the count', value) }), when }];
  }
  const forEach = findAttribute(block, 'for_each');
  if (!forEach) return [{ scope, when: [] }];
  const { value, when } = ctx.existence(forEach.expr, file, scope);
  return plannedInstances(ctx, block, value, scope, 'each') ?? iterationInstances(value, 'each', 'the for_each', scope, when, true);
}

/**
 * A `count` / `for_each` the code does not know, whose instances the plan
 * names (SPEC §10): one instance per planned key, `count.index` / `each.key`
 * known, `each.value` still unknown (the plan does not say what it iterated
 * over; the evaluator takes each argument's planned value instead).
 */
function plannedInstances(ctx: ExistenceContext, block: Block, value: Value, scope: Scope, name: 'count' | 'each'): Instance[] | undefined {
  if (value.kind !== 'unknown' || !ctx.planned) return undefined;
  const keys = ctx.planned.keysOf(block);
  if (!keys) return undefined;
  if (keys.length > MAX_INSTANCES) {
    ctx.planned.context.tooManyInstances(block, ctx.planned.moduleAddress, keys.length, MAX_INSTANCES);
    return undefined;
  }
  if (name === 'count') {
    if (!keys.every((k) => typeof k === 'number')) return undefined;
    return [...keys].sort((a, b) => Number(a) - Number(b)).map((k) => ({ scope: extendScope(scope, { count: object(new Map([['index', num(k as number)]])) }), when: [] }));
  }
  if (!keys.every((k) => typeof k === 'string')) return undefined;
  return [...keys].sort().map((k) => {
    const each = object(new Map<string, Value>([['key', str(k as string)], ['value', unknown(`each.value of instance ${JSON.stringify(k)}: the plan names the instance, not the value it iterates over`)]]));
    return { scope: extendScope(scope, { each }), when: [] };
  });
}

/**
 * The instances of a `dynamic` block's content within one instance of its
 * parent: one per element of its `for_each` (the iterator bound to
 * `{ key, value }`), under the parent's conditions and its own.
 */
export function dynamicInstances(ctx: ExistenceContext, dynamic: Block, file: SourceFile, parent: Instance): Instance[] {
  const forEach = findAttribute(dynamic, 'for_each');
  if (!forEach) return [];
  const { value, when } = ctx.existence(forEach.expr, file, parent.scope);
  const label = `the for_each of dynamic "${dynamic.labels[0]?.value ?? ''}"`;
  return iterationInstances(value, dynamicIterator(dynamic), label, parent.scope, union(parent.when, when), false);
}

/**
 * One instance per element; `setKeys`: a resource's `for_each` over a set
 * binds each.key to the element (a dynamic block's iterator key is its index).
 */
function iterationInstances(collection: Value, name: string, what: string, scope: Scope, when: readonly string[], setKeys: boolean): Instance[] {
  if (collection.kind === 'null') return [];
  if ((collection.kind === 'tuple' || collection.kind === 'object') && iterate(collection).length <= MAX_INSTANCES) {
    return iterate(collection).map(([key, value]) => {
      const k = collection.kind === 'tuple' && setKeys ? value : key;
      const bound = object(new Map([['key', k.kind === 'number' && setKeys ? str(String(k.value)) : k], ['value', value]]));
      return { scope: extendScope(scope, { [name]: bound }), when };
    });
  }
  return [{ scope: extendScope(scope, { [name]: unknownIteration(name, what, collection) }), when }];
}

function unknownIteration(name: string, what: string, collection: Value): Value {
  if (collection.kind === 'unknown') return unknown(`${what} is not known statically (${collection.reason})`);
  if (collection.kind === 'tuple' || collection.kind === 'object') return unknown(`${what} has more than ${MAX_INSTANCES} elements: ${name} is not reviewed one by one`);
  return unknown(`${what} is not a ${name === 'count' ? 'number' : 'collection'}`);
}

function union(a: readonly string[], b: readonly string[]): readonly string[] {
  if (!b.length) return a;
  if (!a.length) return b;
  return [...a, ...b.filter((c) => !a.includes(c))];
}

/**
 * The context with an instance's scope bound wherever an expression is
 * evaluated without one, for helpers that evaluate on their own (policy
 * readers, value outlines): `each.value`, a dynamic block's iterator.
 */
export function inScope<C extends Pick<RuleContext<unknown>, 'evaluate'>>(ctx: C, scope: Scope): C {
  if (scope.size === 0) return ctx;
  return { ...ctx, evaluate: (expr: Expression, file: SourceFile, inner?: Scope) => ctx.evaluate(expr, file, inner ?? scope) };
}

/** `dynamic "<type>"` blocks of a block. */
export function dynamicBlocks(block: Block, type: string): Block[] {
  return findBlocks(block, 'dynamic').filter((d) => d.labels[0]?.value === type);
}

/** The `content` block of a `dynamic` block. */
export function dynamicContent(dynamic: Block): Block | undefined {
  return findBlocks(dynamic, 'content')[0];
}

/** The iterator name of a `dynamic` block (`iterator = x`, else the block type). */
export function dynamicIterator(dynamic: Block): string {
  const it = findAttribute(dynamic, 'iterator');
  if (it && it.expr.kind === 'Variable') return it.expr.name;
  return dynamic.labels[0]?.value ?? 'each';
}

/**
 * The conditions under which the code at a place exists: those of its
 * resource / data source / module call and of every `dynamic` block around
 * it, across all their instances (empty when it exists unconditionally, or
 * not at all). The engine adds them to findings, so that every rule's
 * message says when. Built once per module run: blocks are found by offset
 * and each block's instances evaluated once, however many findings it has.
 */
export function existenceLookup(ctx: ExistenceContext, module: Module): (filePath: string, range: Range) => readonly string[] {
  let byFile: Map<string, BlockRef[]> | undefined;
  const instancesOf = new Map<Block, Instance[]>();
  const blockAt = (filePath: string, range: Range): BlockRef | undefined => {
    if (!byFile) {
      byFile = new Map();
      for (const ref of [...module.resources, ...module.dataSources, ...module.moduleCalls]) {
        const list = byFile.get(ref.file.path) ?? [];
        list.push(ref);
        byFile.set(ref.file.path, list);
      }
      for (const list of byFile.values()) list.sort((a, b) => comparePositions(a.block.range.start, b.block.range.start));
    }
    const list = byFile.get(filePath);
    if (!list) return undefined;
    // The last block starting at or before the place: top-level blocks do not nest.
    let lo = 0;
    let hi = list.length - 1;
    let found: BlockRef | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (comparePositions(list[mid]!.block.range.start, range.start) <= 0) {
        found = list[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && contains(found.block.range, range) ? found : undefined;
  };
  return (filePath, range) => {
    const ref = blockAt(filePath, range);
    if (!ref) return [];
    let level = instancesOf.get(ref.block);
    if (!level) instancesOf.set(ref.block, (level = instances(ctx, ref.block, ref.file)));
    let block: Block | undefined = ref.block;
    while (block && level.length) {
      const dynamic = outermostDynamicAround(block, range);
      if (!dynamic) break;
      level = level.flatMap((instance) => dynamicInstances(ctx, dynamic, ref.file, instance));
      block = dynamicContent(dynamic);
    }
    return level.reduce<readonly string[]>((all, instance) => union(all, instance.when), []);
  };
}

/** The outermost `dynamic` block inside `block` (through nested blocks) that contains `range`. */
function outermostDynamicAround(block: Block, range: Range): Block | undefined {
  for (const item of block.body) {
    if (item.kind !== 'Block' || !contains(item.range, range)) continue;
    if (item.type === 'dynamic') return item;
    return outermostDynamicAround(item, range);
  }
  return undefined;
}

