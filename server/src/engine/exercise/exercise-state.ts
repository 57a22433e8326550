import { nodeCrypto } from '../lazy-builtins.js';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DIFFICULTIES, type Difficulty } from './answer-key.js';
import { MAX_JSON_FILE_BYTES, isInside, readUserText } from '../host.js';
import { ExerciseError } from './exercise-errors.js';

/**
 * What the interviewer's side knows of a started exercise (SPEC §8): when it
 * started, its time limit, which key scores it. It never lives in the
 * candidate's folder — the CLI writes it to the file the interviewer names
 * with `--state`, the editor keeps it in its global storage — so the
 * candidate's workspace cannot move the deadline or find the key through it.
 */
export interface ExerciseState {
  version: 1;
  /** The opaque id the candidate folder's marker carries. */
  exercise: string;
  /** Pack name or generated exercise's name (interviewer's view). */
  name: string;
  difficulty?: Difficulty;
  /** The candidate's folder, absolute. */
  folder: string;
  /** The pack or exercise folder it was copied from, absolute. */
  source: string;
  /** `sha256:<hex>` of the answer key's bytes: scoring checks it is this exercise's key. */
  keyFingerprint: string;
  /** ISO 8601, UTC. */
  startedAt: string;
  durationMinutes: number;
  /** ISO 8601, UTC: startedAt + duration. */
  deadline: string;
  /** The last submission recorded on the interviewer's side. */
  submission?: Submission;
}

/** A submission: when it was made and what the folder held (SPEC §8: "a submission records when it was made"). */
export interface Submission {
  /** ISO 8601, UTC. */
  submittedAt: string;
  /** `sha256:<hex>` over the folder's files (see submission.ts). */
  filesHash: string;
  files: number;
}

export function keyFingerprint(bytes: Uint8Array | string): string {
  return `sha256:${nodeCrypto().createHash('sha256').update(bytes).digest('hex')}`;
}

export function exerciseDeadline(startedAt: Date, durationMinutes: number): Date {
  return new Date(startedAt.getTime() + durationMinutes * 60_000);
}

/** The state as written to the interviewer's file: two-space JSON, trailing newline. */
export function serializeExerciseState(state: ExerciseState): string {
  return JSON.stringify(state, null, 2) + '\n';
}

/** Reads a state file; throws ExerciseError naming what is wrong. */
export function readExerciseState(path: string): ExerciseState {
  const read = readUserText(path, MAX_JSON_FILE_BYTES);
  if (!read.ok) throw new ExerciseError(`cannot read the exercise state ${path}: ${read.error}.`);
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch (e) {
    throw new ExerciseError(`${path} is not an exercise state file: ${(e as Error).message}.`);
  }
  const state = parseExerciseState(data);
  if (!state) throw new ExerciseError(`${path} is not an exercise state file written by \`iac-review exercise start --state\`.`);
  return state;
}

/** A state object (from a file or the editor's storage), or undefined when it is not one. */
export function parseExerciseState(data: unknown): ExerciseState | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const s = data as Record<string, unknown>;
  const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  const strings = ['exercise', 'name', 'folder', 'source', 'keyFingerprint'].every((k) => typeof s[k] === 'string');
  if (s.version !== 1 || !strings || !isDate(s.startedAt) || !isDate(s.deadline)) return undefined;
  if (typeof s.durationMinutes !== 'number' || !Number.isFinite(s.durationMinutes) || s.durationMinutes <= 0) return undefined;
  if (s.difficulty !== undefined && !(DIFFICULTIES as readonly unknown[]).includes(s.difficulty)) return undefined;
  if (s.submission !== undefined && !parseSubmission(s.submission)) return undefined;
  return data as ExerciseState;
}

export function parseSubmission(data: unknown): Submission | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const s = data as Record<string, unknown>;
  if (typeof s.submittedAt !== 'string' || Number.isNaN(Date.parse(s.submittedAt))) return undefined;
  if (typeof s.filesHash !== 'string' || typeof s.files !== 'number') return undefined;
  return { submittedAt: s.submittedAt, filesHash: s.filesHash, files: s.files };
}

/**
 * Writes the interviewer's state file. It may not be in the candidate's
 * folder (the candidate could edit the deadline there) and is never
 * overwritten by `start` (another exercise's record would be lost).
 */
export function writeNewStateFile(path: string, state: ExerciseState): void {
  const target = resolve(path);
  if (target === state.folder || isInside(state.folder, target)) {
    throw new ExerciseError("the state file cannot be in the candidate's folder: the candidate could change the deadline there. Name a file outside it.");
  }
  if (existsSync(target)) throw new ExerciseError(`${path} already exists; name a new state file for this exercise.`);
  if (!existsSync(dirname(target))) throw new ExerciseError(`the folder of ${path} does not exist.`);
  // 0600: the state names the pack (and so the key); it is the interviewer's.
  writeFileSync(target, serializeExerciseState(state), { flag: 'wx', mode: 0o600 });
}

/** Records a submission in an existing state file (the interviewer's copy of when it was made). */
export function recordSubmission(path: string, submission: Submission): ExerciseState {
  const state = readExerciseState(path);
  const next: ExerciseState = { ...state, submission };
  writeFileSync(resolve(path), serializeExerciseState(next));
  return next;
}

/** When and how the candidate finished, for the interviewer's report. */
export interface ExerciseTiming {
  startedAt: string;
  deadline: string;
  durationMinutes: number;
  /** ISO time of the submission, null when there is none. */
  submittedAt: string | null;
  /** Where the submission was recorded: the interviewer's state, or only the receipt in the candidate's folder (which the candidate could edit). */
  submissionRecordedIn: 'state' | 'folder' | null;
  /** on-time / late (submitted after the deadline) / not-submitted. */
  status: 'on-time' | 'late' | 'not-submitted';
  /** Seconds past the deadline of a late submission (0 otherwise). */
  lateBySeconds: number;
  /** Seconds from the start to the submission (or to `now` when not submitted). */
  timeUsedSeconds: number;
  /** Whether the files differ from what was submitted (null when there is no submission). */
  changedSinceSubmission: boolean | null;
}

/**
 * How long after the deadline a submission still counts as on time: the
 * editor's own time-up submission (save, lock, hash) lands a moment after the
 * deadline it enforces. Anything later is late, by the whole delay.
 */
export const LATE_TOLERANCE_MS = 5000;

/** The timing of an exercise from the interviewer's state, a submission (state's first, else the folder's receipt) and the folder's current hash. */
export function exerciseTiming(state: ExerciseState, receipt: Submission | undefined, currentHash: string, now: Date): ExerciseTiming {
  const submission = state.submission ?? receipt;
  const started = Date.parse(state.startedAt);
  const deadline = Date.parse(state.deadline);
  const end = submission ? Date.parse(submission.submittedAt) : now.getTime();
  const lateMs = submission && end - deadline > LATE_TOLERANCE_MS ? end - deadline : 0;
  return {
    startedAt: state.startedAt,
    deadline: state.deadline,
    durationMinutes: state.durationMinutes,
    submittedAt: submission?.submittedAt ?? null,
    submissionRecordedIn: state.submission ? 'state' : receipt ? 'folder' : null,
    status: !submission ? 'not-submitted' : lateMs > 0 ? 'late' : 'on-time',
    lateBySeconds: Math.round(lateMs / 1000),
    timeUsedSeconds: Math.max(0, Math.round((end - started) / 1000)),
    changedSinceSubmission: submission ? submission.filesHash !== currentHash : null,
  };
}

/** "1 h 02 min 05 s", "3 min 20 s", "12 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min ${String(rest).padStart(2, '0')} s`;
  if (m > 0) return `${m} min ${String(rest).padStart(2, '0')} s`;
  return `${rest} s`;
}
