// The server's custom requests (the server side lives in server/src/lsp).
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageclient/node';
// Types only, which esbuild erases (the bundle gets none of the server's code): what the server's handlers return.
import type { PackSummary as ExercisePack } from '../../server/src/engine/exercise/exercise-folder.js';
import type { FolderChecklist } from '../../server/src/lsp/checklist-request.js';
import type { ExerciseStatus, StartedExerciseResult, SubmitResult } from '../../server/src/lsp/exercise-requests.js';
import type { ExerciseState, ExerciseTiming, Submission } from '../../server/src/engine/exercise/exercise-state.js';
import type { RuleSummary } from '../../server/src/lsp/rule-requests.js';
import type { FolderPlan, SetPlanParams } from '../../server/src/lsp/plan-requests.js';

export type { ChecklistItem, ChecklistItemKind, ChecklistSection } from '../../server/src/engine/checklist/checklist.js';
export type { ExerciseState, ExerciseStatus, ExerciseTiming, FolderChecklist, FolderPlan, StartedExerciseResult, Submission, SubmitResult };

/** What a failed request (a ResponseError is an Error) or any other failure says. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface RuleDocumentation {
  markdown: string;
}

export const listRulesRequest = new RequestType0<RuleSummary[], void>('iacReview/listRules');

/** `null` when the server knows no rule with that id. */
export const ruleDocumentationRequest = new RequestType<{ ruleId: string }, RuleDocumentation | null, void>(
  'iacReview/ruleDocumentation',
);

/** Diagnostics of ours carry this source; the status bar counts only these. */
export const DIAGNOSTIC_SOURCE = 'iac-review';

/** `iacReview/checklist` (SPEC §7): one checklist per workspace folder. */
export interface ChecklistResult {
  folders: FolderChecklist[];
}

/** Without `base`: the whole workspace (unsaved buffers seen). With it: the change since that git ref (runs git). */
export const checklistRequest = new RequestType<{ base?: string }, ChecklistResult, void>('iacReview/checklist');

/**
 * "Review with Plan…" (a path the user picked: it may be anywhere) and "Clear Plan" (null), for one folder or all (SPEC §10).
 * Fails with the plan's problem (not JSON, not a plan, format 2.x, …) as one message; answers what each folder is reviewed with.
 */
export const setPlanRequest = new RequestType<SetPlanParams, { plans: FolderPlan[] }, void>('iacReview/setPlan');
/** The server's plans changed (picked, cleared, the setting, the file rewritten): the checklist reloads. */
export const planChangedNotification = new NotificationType<void>('iacReview/planChanged');

/** The base "Review Changes Against Branch…" offers when `iacReview.baseRef` is not set (SPEC §7: upstream, origin/HEAD, main, master). */
export interface DefaultBaseResult {
  base: string;
  source: 'upstream' | 'origin/HEAD' | 'local branch';
}

/** Runs git: sent only in a trusted workspace. Fails with a message saying what was looked for when there is no default. */
export const defaultBaseRequest = new RequestType0<DefaultBaseResult, void>('iacReview/defaultBase');

/** SPEC §8 score JSON. */
export interface ExerciseScore {
  version: 1;
  score: number;
  found: number;
  missed: number;
  falseAlarms: number;
  byCategory: Record<string, { found: number; missed: number }>;
  problems: Array<{ id: string; found: boolean; comment?: string | null }>;
  foundWeight: number;
  totalWeight: number;
  formula: string;
  timing?: ExerciseTiming;
}

export interface ExerciseScoreResult {
  score: ExerciseScore;
  markdown: string;
}

export const exerciseListRequest = new RequestType0<ExercisePack[], void>('iacReview/exercise/list');
/** Fails when `out` exists and is not empty. The answer's `state` is the interviewer's: the client keeps it in its global storage. */
export const exerciseStartRequest = new RequestType<{ pack: string; out: string; durationMinutes?: number }, StartedExerciseResult, void>(
  'iacReview/exercise/start',
);
/** The exercise folders (marker id only) among the workspace folders and open files. */
export const exerciseStatusRequest = new RequestType0<ExerciseStatus[], void>('iacReview/exercise/status');
/** The candidate folders of the exercises this editor started: the server stays silent there even without the marker. */
export const exerciseFoldersNotification = new NotificationType<{ folders: string[] }>('iacReview/exercise/folders');
/** Hands in: time and hash of the files on disk; nothing about the key. */
export const exerciseSubmitRequest = new RequestType<{ folder: string }, SubmitResult, void>('iacReview/exercise/submit');
/** `folder`: a URI or a path; `key`: the answer key's path (the interviewer's pick). Unsaved REVIEW comments count. */
export const exerciseScoreRequest = new RequestType<{ folder: string; key?: string; state?: ExerciseState; reveal?: boolean }, ExerciseScoreResult, void>(
  'iacReview/exercise/score',
);
