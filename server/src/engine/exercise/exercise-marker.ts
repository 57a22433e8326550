import { nodeCrypto } from '../lazy-builtins.js';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MAX_JSON_FILE_BYTES, readRegularFile } from '../host.js';

/**
 * The file that says "this folder is an interview exercise" — and nothing
 * else: an opaque id, no pack name, no path, no times, no counts (SPEC §8
 * integrity). The editor and the CLI stay silent in a folder that has one;
 * the deadline and the key live with the interviewer (exercise-state.ts).
 */
export const EXERCISE_MARKER = '.iac-review-exercise.json';

export interface ExerciseMarker {
  version: 2;
  /** `exercise-<16 hex>`: matches the interviewer's state, names nothing. */
  exercise: string;
}

const ID = /^[\w.-]{1,100}$/;

/** A fresh opaque exercise id. */
export function newExerciseId(): string {
  return `exercise-${nodeCrypto().randomBytes(8).toString('hex')}`;
}

export function writeExerciseMarker(dir: string, exercise: string): ExerciseMarker {
  const marker: ExerciseMarker = { version: 2, exercise };
  writeFileSync(join(dir, EXERCISE_MARKER), JSON.stringify(marker, null, 2) + '\n', { flag: 'wx' });
  return marker;
}

/**
 * The marker of a folder, or undefined when there is none. A marker written
 * by an older version (version 1, which also held the start time and the
 * pack's path) still marks an exercise folder — silence errs on the safe side
 * — but only its name is read from it.
 */
export function readExerciseMarker(dir: string): ExerciseMarker | undefined {
  // We write the marker as a plain file: a link or a pipe in its place is not one (and must not block the editor).
  const read = readRegularFile(join(dir, EXERCISE_MARKER), MAX_JSON_FILE_BYTES, { followLinks: false });
  if (!read.ok) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as { version?: unknown; exercise?: unknown };
  if ((m.version !== 1 && m.version !== 2) || typeof m.exercise !== 'string' || !ID.test(m.exercise)) return undefined;
  return { version: 2, exercise: m.exercise };
}

export function isExerciseFolder(dir: string): boolean {
  return readExerciseMarker(dir) !== undefined;
}

/**
 * Which folders lie inside an exercise folder (a marker in the folder or an
 * ancestor, up to `stopAt` or the file system's root), cached per folder.
 */
export class ExerciseFolderIndex {
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly stopAt: (dir: string) => string | undefined = () => undefined) {}

  /** The exercise folder containing `dir`, if any. */
  exerciseOf(dir: string): string | undefined {
    const cached = this.cache.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    // Every folder between `dir` and its workspace root has that same root (none of them holds a `.git`), so the
    // answer for `dir` is its own marker or its parent's answer: each folder's marker is read once per index.
    const stop = this.stopAt(dir);
    const parent = dirname(dir);
    const found = this.isMarked(dir) ? dir : dir === stop || parent === dir ? undefined : this.exerciseOf(parent);
    this.cache.set(dir, found ?? null);
    return found;
  }

  /** Whether `dir` itself is an exercise folder (its marker; subclasses may know more). */
  protected isMarked(dir: string): boolean {
    return isExerciseFolder(dir);
  }

  /** Whether a file lies inside an exercise folder. */
  covers(file: string): boolean {
    return this.exerciseOf(dirname(file)) !== undefined;
  }

  /** A marker appeared, changed or went away. */
  invalidate(): void {
    this.cache.clear();
  }
}
