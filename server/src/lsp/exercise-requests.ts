import { resolve } from 'node:path';
import type { FileHost } from '../engine/host.js';
import { MAX_JSON_FILE_BYTES, readRegularFile } from '../engine/host.js';
import { ExerciseError, defaultPacksRoot, listPacks, ownAnswerKeyPath, readAnswerKey, startExercise, type PackSummary } from '../engine/exercise/exercise-folder.js';
import { ExerciseFolderIndex, readExerciseMarker } from '../engine/exercise/exercise-marker.js';
import { exerciseTiming, keyFingerprint, parseExerciseState, type ExerciseState, type Submission } from '../engine/exercise/exercise-state.js';
import { scoreExercise } from '../engine/exercise/score.js';
import { reviewExercise } from '../engine/exercise/review-exercise.js';
import { formatScoreMarkdown, formatScoreJson } from '../engine/exercise/score-report.js';
import { hashExerciseFiles, readSubmissionReceipt, submitExercise } from '../engine/exercise/submission.js';

/** Requests behind "IaC Review: Start / Submit / Score Exercise" and the countdown (SPEC §8). */
export const EXERCISE_LIST_REQUEST = 'iacReview/exercise/list';
export const EXERCISE_START_REQUEST = 'iacReview/exercise/start';
export const EXERCISE_SUBMIT_REQUEST = 'iacReview/exercise/submit';
export const EXERCISE_SCORE_REQUEST = 'iacReview/exercise/score';
export const EXERCISE_STATUS_REQUEST = 'iacReview/exercise/status';
/** Client → server: the candidate folders of the exercises the editor started (from its global storage). */
export const EXERCISE_FOLDERS_NOTIFICATION = 'iacReview/exercise/folders';

/**
 * An exercise folder in the workspace, as the server sees it: only that it is
 * one, and its opaque id. The deadline is not the server's to know — the
 * client keeps the state in its global storage, where the candidate's
 * workspace cannot change it.
 */
export interface ExerciseStatus {
  folder: string;
  exercise: string;
}

/** What "Start Exercise" answers: the candidate's folder, and the state the client stores outside the workspace. */
export interface StartedExerciseResult extends ExerciseStatus {
  state: ExerciseState;
}

export interface SubmitResult extends Submission {
  folder: string;
  exercise: string;
}

export interface ScoreParams {
  /** URI or path of the candidate's folder. */
  folder: string;
  /** The answer key's path (the interviewer picks it); default: the folder's own answer-key.json (a generated exercise). */
  key?: string;
  /** The exercise's state from the client's storage: the report then says when it was submitted, late or not. */
  state?: unknown;
  reveal?: boolean;
}

/**
 * Which directories are inside a candidate's exercise folder (a marker file in
 * the directory or an ancestor, up to the workspace folder, or a folder the
 * client says it started an exercise in): the server shows no diagnostics,
 * hovers or checklist there, so the candidate reviews unaided. The client's
 * list comes from its global storage: deleting the marker does not bring the
 * findings back in the editor that started the exercise.
 */
export class ExerciseFolders extends ExerciseFolderIndex {
  private known = new Set<string>();

  constructor(rootOf: (dir: string) => string) {
    super(rootOf);
  }

  /** The client's exercise folders; returns whether the set changed. */
  setKnown(folders: unknown): boolean {
    const next = new Set(Array.isArray(folders) ? folders.filter((f): f is string => typeof f === 'string' && f !== '').map((f) => resolve(f)) : []);
    if (next.size === this.known.size && [...next].every((f) => this.known.has(f))) return false;
    this.known = next;
    this.invalidate();
    return true;
  }

  protected override isMarked(dir: string): boolean {
    return this.known.has(dir) || super.isMarked(dir);
  }
}

export function listExercisePacks(): PackSummary[] {
  const root = defaultPacksRoot();
  return root ? listPacks(root) : [];
}

export function startExerciseIn(params: { pack: string; out: string; durationMinutes?: number }, now: Date): StartedExerciseResult {
  const packsRoot = defaultPacksRoot();
  const started = startExercise({
    pack: params.pack,
    out: resolve(params.out),
    startedAt: now,
    // Whatever the client sent is checked by startExercise (JSON's 1e400 is Infinity): a clear error, not a broken timer.
    ...(params.durationMinutes !== undefined && params.durationMinutes !== null ? { durationMinutes: params.durationMinutes } : {}),
    ...(packsRoot ? { packsRoot } : {}),
  });
  return { folder: started.dir, exercise: started.marker.exercise, state: started.state };
}

export function exerciseStatus(folder: string): ExerciseStatus | undefined {
  const marker = readExerciseMarker(folder);
  return marker ? { folder, exercise: marker.exercise } : undefined;
}

/** The candidate hands in: time and hash recorded (the receipt in the folder; the client keeps its own copy). Nothing about the key. */
export function submitExerciseIn(folder: string, now: Date): SubmitResult {
  return { folder, ...submitExercise(folder, now) };
}

/**
 * The interviewer's score of a candidate's folder, as the buffers are (unsaved
 * edits count): with the key they picked (checked against the state's
 * fingerprint) and, given the state, the timing. The interviewer's view adds
 * the engine's findings.
 */
export function scoreExerciseIn(params: ScoreParams, folder: string, host: FileHost, now: Date): { score: unknown; markdown: string } | { error: string } {
  const keyPath = params.key ? resolve(params.key) : ownAnswerKeyPath(folder);
  if (!keyPath) return { error: `no answer key given for ${folder}: the interviewer picks the exercise's answer-key.json` };
  const state = params.state === undefined || params.state === null ? undefined : parseExerciseState(params.state);
  if (params.state !== undefined && params.state !== null && !state) return { error: 'the exercise state sent is not one' };
  const key = readAnswerKey(keyPath);
  if (state) {
    const bytes = readRegularFile(keyPath, MAX_JSON_FILE_BYTES, { followLinks: true });
    if (bytes.ok && keyFingerprint(bytes.bytes) !== state.keyFingerprint) {
      throw new ExerciseError(`${keyPath} is not the answer key this exercise was started with`);
    }
  }
  const score = scoreExercise(folder, key, { host });
  const exercise = key.name ?? state?.name;
  const timing = state ? exerciseTiming(state, readSubmissionReceipt(folder), hashExerciseFiles(folder).hash, now) : undefined;
  const report = {
    score,
    dir: folder,
    ...(exercise ? { exercise } : {}),
    ...(timing ? { timing } : {}),
    ...(params.reveal ? { findings: reviewExercise(folder).findings.filter((f) => !f.suppression) } : {}),
  };
  return { score: JSON.parse(formatScoreJson(report)), markdown: formatScoreMarkdown(report) };
}
