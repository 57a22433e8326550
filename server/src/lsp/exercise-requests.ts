import { dirname, resolve } from 'node:path';
import type { FileHost } from '../engine/host.js';
import {
  answerKeyPathFor,
  defaultPacksRoot,
  exerciseDeadline,
  listPacks,
  readAnswerKey,
  readExerciseMarker,
  startExercise,
  type ExerciseMarker,
  type PackSummary,
} from '../engine/exercise/exercise-folder.js';
import { scoreExercise } from '../engine/exercise/score.js';
import { reviewExercise } from '../engine/exercise/review-exercise.js';
import { formatScoreMarkdown, formatScoreJson } from '../engine/exercise/score-report.js';
import { isInside } from '../engine/host.js';

/** Requests behind "IaC Review: Start Exercise" / "Score Exercise" and the countdown (SPEC §8). */
export const EXERCISE_LIST_REQUEST = 'iacReview/exercise/list';
export const EXERCISE_START_REQUEST = 'iacReview/exercise/start';
export const EXERCISE_SCORE_REQUEST = 'iacReview/exercise/score';
export const EXERCISE_STATUS_REQUEST = 'iacReview/exercise/status';

export interface ExerciseStatus {
  folder: string;
  marker: ExerciseMarker;
  /** ISO time when the exercise's time is up. */
  deadline: string;
}

/**
 * Which directories are inside a candidate's exercise folder (a marker file in
 * the directory or an ancestor, up to the workspace folder): the server shows
 * no diagnostics there, so the candidate reviews unaided.
 */
export class ExerciseFolders {
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly rootOf: (dir: string) => string) {}

  /** The exercise folder containing `dir`, if any. */
  exerciseOf(dir: string): string | undefined {
    const cached = this.cache.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const root = this.rootOf(dir);
    let found: string | undefined;
    for (let d = dir; ; d = dirname(d)) {
      if (readExerciseMarker(d)) {
        found = d;
        break;
      }
      if (d === root || !isInside(root, d) || dirname(d) === d) break;
    }
    this.cache.set(dir, found ?? null);
    return found;
  }

  /** A marker file appeared, changed or went away. */
  invalidate(): void {
    this.cache.clear();
  }
}

export function listExercisePacks(): PackSummary[] {
  const root = defaultPacksRoot();
  return root ? listPacks(root) : [];
}

export function startExerciseIn(params: { pack: string; out: string; durationMinutes?: number }, now: Date): ExerciseStatus {
  const packsRoot = defaultPacksRoot();
  const started = startExercise({
    pack: params.pack,
    out: resolve(params.out),
    startedAt: now,
    // Whatever the client sent is checked by startExercise (JSON's 1e400 is Infinity): a clear error, not a broken timer.
    ...(params.durationMinutes !== undefined && params.durationMinutes !== null ? { durationMinutes: params.durationMinutes } : {}),
    ...(packsRoot ? { packsRoot } : {}),
  });
  return { folder: started.dir, marker: started.marker, deadline: exerciseDeadline(started.marker).toISOString() };
}

export function exerciseStatus(folder: string): ExerciseStatus | undefined {
  const marker = readExerciseMarker(folder);
  return marker ? { folder, marker, deadline: exerciseDeadline(marker).toISOString() } : undefined;
}

/** Scores the candidate's REVIEW comments as the buffers are (unsaved edits count); the interviewer's view adds the engine's findings. */
export function scoreExerciseIn(folder: string, host: FileHost, reveal: boolean): { score: unknown; markdown: string } | { error: string } {
  const keyPath = answerKeyPathFor(folder);
  if (!keyPath) return { error: `no answer key for ${folder}: neither ${folder}/answer-key.json nor the pack its marker names` };
  const key = readAnswerKey(keyPath);
  const score = scoreExercise(folder, key, { host });
  const exercise = key.name ?? readExerciseMarker(folder)?.exercise;
  const report = {
    score,
    dir: folder,
    ...(exercise ? { exercise } : {}),
    ...(reveal ? { findings: reviewExercise(folder).findings.filter((f) => !f.suppression) } : {}),
  };
  return { score: JSON.parse(formatScoreJson(report)), markdown: formatScoreMarkdown(report) };
}
