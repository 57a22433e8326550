import { relative } from 'node:path';
import type { Module } from '../model/module.js';
import type { ModuleGraph } from '../workspace/module-graph.js';
import type { ModuleInstance } from '../workspace/module-instance.js';
import { PlanError, type Plan, type PlannedResource } from './plan-model.js';
import { PlanContext, rootAddresses, rootMatch } from './plan-context.js';
import { resourceKeyOf } from './plan-index.js';
import { isDownloaded, planPlacer, type PlanPlace } from './plan-places.js';

/** A plan fused with the workspace's code (SPEC §10). */
export interface AttachedPlan {
  context: PlanContext;
  /** Places a planned resource in the code. */
  place(resource: PlannedResource): PlanPlace | undefined;
  /** Parts of the plan the code does not have, said in the output (SPEC §10: nothing silently ignored). */
  notes(): string[];
}

/**
 * Finds the module the plan is a plan of — the candidate declaring most of
 * the plan's root addresses — and gives the graph's instances on its call
 * chains the plan's values. A plan none of whose root addresses the code
 * declares is a plan of other code: an error.
 */
export function attachPlan(
  plan: Plan,
  graph: ModuleGraph,
  candidates: readonly Module[],
  workspaceRoot: string,
  baseModuleFor?: (dir: string) => Module | undefined,
): AttachedPlan {
  const root = planRoot(plan, candidates, workspaceRoot);
  // A plan that names no resource at all (an empty configuration) adds nothing, and contradicts nothing.
  if (!root) {
    const note = `${plan.file}: the plan names no resources: it adds nothing to the review`;
    return { context: new PlanContext(plan), place: () => undefined, notes: () => [...plan.notes, note] };
  }
  return attachPlanAt(plan, graph, root, workspaceRoot, baseModuleFor);
}

/**
 * The module a plan is a plan of: the candidate declaring most of the plan's
 * root addresses (a root module first when two declare as many). Undefined
 * for a plan that names no resources; a plan none of whose root addresses the
 * code declares is a plan of other code: PlanError.
 */
export function planRoot(plan: Plan, candidates: readonly Module[], workspaceRoot: string): Module | undefined {
  const addresses = rootAddresses(plan);
  let best: { module: Module; matched: number } | undefined;
  for (const module of candidates) {
    const matched = rootMatch(addresses, module);
    if (!best || matched > best.matched || (matched === best.matched && module.isRoot && !best.module.isRoot)) best = { module, matched };
  }
  if (best && addresses.size === 0 && plan.resourceChanges.length === 0) return undefined;
  if (!best || best.matched === 0) {
    const sample = [...new Set([...plan.rootResources, ...plan.resourceChanges.map((r) => r.address)])].slice(0, 3).join(', ');
    throw new PlanError(
      plan.file,
      `this is not a plan of the reviewed code: none of the plan's root module addresses (${sample || 'none'}) is declared in ${candidates.length} module(s) under ${workspaceRoot}`,
    );
  }
  return best.module;
}

/** Gives the graph's instances on the call chains from `root` the plan's values (the editor knows the root already). */
export function attachPlanAt(plan: Plan, graph: ModuleGraph, root: Module, workspaceRoot: string, baseModuleFor?: (dir: string) => Module | undefined): AttachedPlan {
  const context = new PlanContext(plan);
  graph.plan = { context, rootDir: root.dir };
  const placer = planPlacer(graph, root, baseModuleFor);
  context.place = (r) => placer(r.address, r.moduleAddress, resourceKeyOf(r));
  return {
    context,
    place: context.place,
    notes: () => planNotes(plan, graph, root, workspaceRoot),
  };
}

/** Addresses the plan will create, update or keep that the code does not declare (a stale plan, or a plan of other code in part). */
function planNotes(plan: Plan, graph: ModuleGraph, root: Module, workspaceRoot: string): string[] {
  const instances = new Map<string, ModuleInstance>();
  const walk = (instance: ModuleInstance): void => {
    instances.set(instance.addressPrefix, instance);
    for (const child of instance.allChildren()) walk(child);
  };
  walk(graph.standalone(root));
  const missing: string[] = [];
  for (const r of plan.resourceChanges) {
    if (r.actions.includes('delete') && !r.actions.includes('create')) continue;
    const instance = instances.get(r.moduleAddress);
    if (!instance || isDownloaded(instance.module)) continue; // inside a module not read: placed on its call
    if (!instance.module.byAddress.has(resourceKeyOf(r))) missing.push(r.address);
  }
  const notes = [...plan.notes, ...graph.plan!.context.crowdedNotes()];
  if (missing.length) {
    const where = relative(workspaceRoot, root.dir) || '.';
    const shown = missing.slice(0, 5).join(', ') + (missing.length > 5 ? `, and ${missing.length - 5} more` : '');
    notes.push(`${missing.length} address(es) of the plan are not in the code of ${where} (${shown}): the plan may be older than the code; their planned values are not used`);
  }
  return notes;
}
