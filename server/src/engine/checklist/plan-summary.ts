import type { Plan, PlanAction } from '../plan/plan-model.js';

/** How many resource instances the plan changes, per action (SPEC §10); reads and no-ops are not changes. */
export interface PlanCounts {
  create: number;
  update: number;
  replace: number;
  delete: number;
}

export type PlanChangeKind = keyof PlanCounts;

/** The checklist's account of the plan it was given (`checklist --format json`: the `plan` field). */
export interface PlanSummary {
  /** The plan file, relative to the working directory. */
  file: string;
  counts: PlanCounts;
  /** What of the plan the review could not use (addresses the code does not have, parts read partly). */
  notes: string[];
}

/** What one resource instance's actions amount to; undefined for `no-op` and `read`. */
export function changeKind(actions: readonly PlanAction[]): PlanChangeKind | undefined {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.includes('delete')) return 'delete';
  if (actions.includes('create')) return 'create';
  if (actions.includes('update')) return 'update';
  return undefined;
}

/** Managed resources only: a data source is read, never created or destroyed. */
export function planCounts(plan: Plan): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const r of plan.resourceChanges) {
    if (r.mode !== 'managed') continue;
    const kind = changeKind(r.actions);
    if (kind) counts[kind]++;
  }
  return counts;
}

/** `2 to create, 1 to update, 1 to replace, 0 to delete`. */
export function describeCounts(counts: PlanCounts): string {
  return `${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ${counts.delete} to delete`;
}
