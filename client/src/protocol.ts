import { RequestType, RequestType0 } from 'vscode-languageclient/node';

/** The server's custom requests (the server side lives in server/src/lsp). */

/** What a failed request (a ResponseError is an Error) or any other failure says. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface RuleSummary {
  id: string;
  title: string;
  category: string;
  severity: string;
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
export type ChecklistItemKind = 'finding' | 'undecided' | 'question';

export interface ChecklistItem {
  /** Stable while the code the item is about does not change. */
  id: string;
  kind: ChecklistItemKind;
  text: string;
  ruleId?: string;
  reason?: string;
  /** Relative to the workspace folder, `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  introduced?: boolean;
  /** The item is about a block the change removed: `file:line` are at the base. */
  removed?: true;
}

export interface ChecklistSection {
  category: string;
  title: string;
  items: ChecklistItem[];
}

export interface FolderChecklist {
  /** The workspace folder's URI. */
  folder: string;
  checklist: { version: 1; base: string | null; sections: ChecklistSection[] };
  markdown: string;
}

export interface ChecklistResult {
  folders: FolderChecklist[];
}

/** Without `base`: the whole workspace (unsaved buffers seen). With it: the change since that git ref (runs git). */
export const checklistRequest = new RequestType<{ base?: string }, ChecklistResult, void>('iacReview/checklist');

/** The exercise requests (SPEC §8). */
export interface ExercisePack {
  name: string;
  dir: string;
  difficulty?: string;
  problems: number;
  title?: string;
}

export interface ExerciseMarker {
  version: 1;
  exercise: string;
  difficulty?: string;
  startedAt: string;
  durationMinutes: number;
  source: string;
}

export interface ExerciseStatus {
  /** The exercise folder (a path). */
  folder: string;
  marker: ExerciseMarker;
  /** ISO time when the time is up. */
  deadline: string;
}

/** SPEC §8 score JSON. */
export interface ExerciseScore {
  version: 1;
  score: number;
  found: number;
  missed: number;
  falseAlarms: number;
  byCategory: Record<string, { found: number; missed: number }>;
  problems: Array<{ id: string; found: boolean; comment?: string }>;
}

export interface ExerciseScoreResult {
  score: ExerciseScore;
  markdown: string;
}

export const exerciseListRequest = new RequestType0<ExercisePack[], void>('iacReview/exercise/list');
/** Fails when `out` exists and is not empty. */
export const exerciseStartRequest = new RequestType<{ pack: string; out: string; durationMinutes?: number }, ExerciseStatus, void>(
  'iacReview/exercise/start',
);
/** The exercise folders among the workspace folders and open files. */
export const exerciseStatusRequest = new RequestType0<ExerciseStatus[], void>('iacReview/exercise/status');
/** `folder`: a URI or a path. Unsaved REVIEW comments count. */
export const exerciseScoreRequest = new RequestType<{ folder: string; reveal?: boolean }, ExerciseScoreResult, void>(
  'iacReview/exercise/score',
);
