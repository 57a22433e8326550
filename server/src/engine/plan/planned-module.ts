import type { Block, Expression, SourceFile } from '../parse/ast.js';
import type { Module, ResourceRef } from '../model/module.js';
import type { Scope } from '../evaluate/scope.js';
import { object, tuple, type Value } from '../evaluate/value.js';
import { findAttribute } from '../rules/rule.js';
import type { PlannedResource, PlanValue } from './plan-model.js';
import { SENSITIVE, UNKNOWN_AFTER_APPLY } from './plan-model.js';
import type { PlanContext } from './plan-context.js';
import { blockPath, expressionPaths, type PathStep } from './expression-paths.js';
import { fillFromPlan, fullyKnown, planValueToValue } from './plan-value.js';

/** Evaluates an expression from the code alone (no plan values): how a nested block's planned element is recognised. */
export type CodeEvaluate = (expr: Expression, file: SourceFile, scope: Scope) => Value;

/**
 * What the plan says about one module instance (SPEC §10): its resources'
 * planned instances by address (`aws_s3_bucket.b`, `data.x.y`), and the
 * instance keys of its module calls. The evaluator asks it for the values
 * the code does not know; rules ask it what will happen to a block.
 */
export class PlannedModule {
  constructor(
    /** `module.a["x"]`; '' for the root module. */
    readonly moduleAddress: string,
    private readonly resources: ReadonlyMap<string, PlannedResource[]>,
    private readonly callKeys: ReadonlyMap<string, Array<string | number>>,
    /** The whole plan, for what only the plan shows (rules run on the plan's root module read every change from there). */
    readonly context: PlanContext,
  ) {}

  /** The planned instances of a resource or data source of this module (deleted ones included), or none. */
  instancesOf(address: string): readonly PlannedResource[] {
    return this.resources.get(address) ?? [];
  }

  /** Every planned resource instance of this module. */
  all(): IterableIterator<[string, PlannedResource[]]> {
    return this.resources.entries();
  }

  /** The instance keys the plan gives a counted / for_each block of this module (a resource, or a module call), when it names any. */
  keysOf(block: Block): Array<string | number> | undefined {
    const address = blockAddress(block);
    if (!address) return undefined;
    if (block.type === 'module') return this.callKeys.get(address.slice('module.'.length));
    const keys: Array<string | number> = [];
    for (const r of this.instancesOf(address)) if (r.index !== undefined && !isDeleted(r)) keys.push(r.index);
    return keys.length ? keys : undefined;
  }

  /** The instance of `resource` an evaluation scope is about (by `count.index` / `each.key`), unless it cannot be told. */
  instanceFor(resource: ResourceRef, scope: Scope): PlannedResource | undefined {
    const live = this.instancesOf(resource.address).filter((r) => !isDeleted(r));
    if (live.length === 0) return undefined;
    const counted = findAttribute(resource.block, 'count') ?? findAttribute(resource.block, 'for_each');
    if (!counted) return live.find((r) => r.index === undefined);
    const key = instanceKey(scope);
    return key === undefined ? undefined : live.find((r) => r.index === key);
  }

  /**
   * The plan's value for an argument expression of a resource in `scope`,
   * filled into what the code knows of it; undefined when the plan says
   * nothing about it (not an argument, instance not in the plan, nested
   * block not recognised).
   */
  fill(expr: Expression, scope: Scope, code: Value, module: Module, evaluateCode: CodeEvaluate): Value | undefined {
    const at = expressionPaths(module).get(expr);
    if (!at || fullyKnown(code)) return undefined;
    const instance = this.instanceFor(at.resource, scope);
    if (!instance) return undefined;
    const planned = walk(instance.after, at.path, at.resource.file, scope, evaluateCode);
    if (planned === undefined) return undefined;
    return fillFromPlan(code, planValueToValue(planned, instance.address));
  }

  /**
   * An argument the code does not set, as the plan has it (a provider's
   * default or computed value): `name` of `block` (the resource's block, or
   * one of its static nested blocks; `absentBlock` names a nested block the
   * code does not write at all, read as the plan's only such block). The
   * value in `scope`'s instance; undefined when the plan does not say.
   */
  argument(module: Module, block: Block, name: string, scope: Scope, evaluateCode: CodeEvaluate, absentBlock?: string): Value | undefined {
    const at = blockPath(module, block);
    if (!at) return undefined;
    const instance = this.instanceFor(at.resource, scope);
    if (!instance) return undefined;
    const path: PathStep[] = absentBlock ? [...at.path, { block: absentBlock, index: 0, of: 1 }, name] : [...at.path, name];
    const planned = walk(instance.after, path, at.resource.file, scope, evaluateCode);
    return planned === undefined ? undefined : planValueToValue(planned, instance.address);
  }

  /**
   * `aws_x.y` / `data.x.y` as a value: the planned object (a tuple of them
   * for `count`, an object by key for `for_each`), its unknown parts
   * unknown. Undefined when the plan does not have it.
   */
  resourceValue(resource: ResourceRef): Value | undefined {
    const live = this.instancesOf(resource.address).filter((r) => !isDeleted(r));
    if (live.length === 0) return undefined;
    if (findAttribute(resource.block, 'count')) {
      const sorted = [...live].sort((a, b) => Number(a.index) - Number(b.index));
      if (!sorted.every((r, i) => r.index === i)) return undefined;
      return tuple(sorted.map((r) => planValueToValue(r.after, r.address)));
    }
    if (findAttribute(resource.block, 'for_each')) {
      if (live.some((r) => typeof r.index !== 'string')) return undefined;
      return object(new Map(live.map((r) => [r.index as string, planValueToValue(r.after, r.address)])));
    }
    const single = live.find((r) => r.index === undefined);
    return single ? planValueToValue(single.after, single.address) : undefined;
  }
}

function isDeleted(r: PlannedResource): boolean {
  return r.actions.length === 1 && r.actions[0] === 'delete';
}

/** `resource "a" "b"` → `a.b`, `data "a" "b"` → `data.a.b`, `module "m"` → `module.m`. */
function blockAddress(block: Block): string | undefined {
  const [first, second] = block.labels.map((l) => l.value);
  if (block.type === 'resource' && first && second) return `${first}.${second}`;
  if (block.type === 'data' && first && second) return `data.${first}.${second}`;
  if (block.type === 'module' && first) return `module.${first}`;
  return undefined;
}

/** `count.index` or `each.key` of a scope, when known. */
export function instanceKey(scope: Scope): string | number | undefined {
  const count = scope.get('count');
  const index = count?.kind === 'object' ? count.entries.get('index') : undefined;
  if (index?.kind === 'number') return index.value;
  const each = scope.get('each');
  const key = each?.kind === 'object' ? each.entries.get('key') : undefined;
  return key?.kind === 'string' ? key.value : undefined;
}

/** Follows a path into a planned object; undefined where the plan has nothing there or the element cannot be told. */
function walk(value: PlanValue, path: readonly PathStep[], file: SourceFile, scope: Scope, evaluateCode: CodeEvaluate): PlanValue | undefined {
  let v: PlanValue | undefined = value;
  for (const step of path) {
    if (v === undefined || v === null) return undefined;
    if (v === SENSITIVE || v === UNKNOWN_AFTER_APPLY) return v;
    if (typeof v !== 'object' || Array.isArray(v)) {
      if (typeof step === 'string' || !Array.isArray(v)) return undefined;
    }
    if (typeof step === 'string') {
      v = Array.isArray(v) ? undefined : (v as Record<string, PlanValue>)[step];
      continue;
    }
    const container: PlanValue | undefined = Array.isArray(v) ? undefined : (v as Record<string, PlanValue>)[step.block];
    v = nestedElement(container, step, file, scope, evaluateCode);
  }
  return v;
}

/**
 * The planned element of one of a block type's static blocks: a single
 * nested object; the only element of a one-element list; else the one
 * element whose values agree with everything the code knows of the block
 * (a set's order in the plan is not the code's).
 */
function nestedElement(
  container: PlanValue | undefined,
  step: Exclude<PathStep, string>,
  file: SourceFile,
  scope: Scope,
  evaluateCode: CodeEvaluate,
): PlanValue | undefined {
  if (container === undefined || container === null) return undefined;
  if (container === SENSITIVE || container === UNKNOWN_AFTER_APPLY) return container;
  if (!Array.isArray(container)) return typeof container === 'object' && step.of === 1 ? container : undefined;
  if (container.length !== step.of) return undefined;
  if (step.of === 1) return container[0];
  if (!step.self) return undefined;
  const known = new Map<string, Value>();
  for (const item of step.self.body) {
    if (item.kind !== 'Attribute') continue;
    const v = evaluateCode(item.expr, file, scope);
    if (fullyKnown(v)) known.set(item.name, v);
  }
  const matching = container.filter((element) => agrees(element, known));
  return matching.length === 1 ? matching[0] : undefined;
}

function agrees(element: PlanValue, known: ReadonlyMap<string, Value>): boolean {
  if (element === null || typeof element !== 'object' || Array.isArray(element)) return false;
  for (const [name, v] of known) {
    const p = (element as Record<string, PlanValue>)[name];
    if (p === undefined || p === SENSITIVE || p === UNKNOWN_AFTER_APPLY) continue;
    if (!sameJson(p, v)) return false;
  }
  return true;
}

/** Whether a known code value equals a planned value (lists compared as sets: the plan may order them its own way). */
function sameJson(p: PlanValue, v: Value): boolean {
  switch (v.kind) {
    case 'string':
      return p === v.value || (typeof p === 'number' && String(p) === v.value);
    case 'number':
      return p === v.value || (typeof p === 'string' && p === String(v.value));
    case 'bool':
      return p === v.value || p === String(v.value);
    case 'null':
      return p === null;
    case 'tuple':
      return Array.isArray(p) && p.length === v.items.length && v.items.every((item) => p.some((q) => sameJson(q, item)));
    case 'object': {
      if (p === null || typeof p !== 'object' || Array.isArray(p)) return false;
      for (const [k, item] of v.entries) {
        const q = (p as Record<string, PlanValue>)[k];
        if (q !== undefined && q !== SENSITIVE && q !== UNKNOWN_AFTER_APPLY && !sameJson(q, item)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}
