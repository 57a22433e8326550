import { relative, sep } from 'node:path';
import { planCounts, type PlanCounts } from '../engine/checklist/plan-summary.js';
import type { Plan } from '../engine/plan/plan-model.js';

/** "IaC Review: Review with Plan…" (a path) and "Clear Plan" (null): the plan of one workspace folder, or of every folder. */
export const SET_PLAN_REQUEST = 'iacReview/setPlan';
/** The server's plans changed (chosen, cleared, their files edited, the setting changed): the client reloads its checklist. */
export const PLAN_CHANGED_NOTIFICATION = 'iacReview/planChanged';

export interface SetPlanParams {
  /** A workspace folder (file URI); absent: every folder. */
  folder?: string;
  /** The plan JSON's path (picked in the file dialog), or null to review without a plan. */
  path: string | null;
}

/** What a folder is reviewed with now. */
export interface FolderPlan {
  folder: string;
  /** Relative to the folder when inside it, else absolute. */
  file: string;
  counts: PlanCounts;
  notes: string[];
}

export function folderPlan(folder: string, root: string, plan: Plan): FolderPlan {
  const rel = relative(root, plan.file);
  const file = rel && !rel.startsWith('..') ? rel.split(sep).join('/') : plan.file;
  return { folder, file, counts: planCounts(plan), notes: [...plan.notes] };
}
