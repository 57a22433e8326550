import { existsSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAnswerKey, type AnswerKey, type Difficulty } from './answer-key.js';
import { ExerciseError } from './exercise-errors.js';
import { EXERCISE_MARKER, newExerciseId, writeExerciseMarker, type ExerciseMarker } from './exercise-marker.js';
import { exerciseDeadline, keyFingerprint, type ExerciseState } from './exercise-state.js';
import { SUBMISSION_RECEIPT } from './submission.js';
import { PREVIOUS_VERSION_FOLDER } from '../change/previous-version.js';
import { MAX_JSON_FILE_BYTES, readRegularFile, readUserText } from '../host.js';

export { EXERCISE_MARKER, ExerciseError, type ExerciseMarker };
export const ANSWER_KEY_FILE = 'answer-key.json';
export const DEFAULT_DURATION_MINUTES = 40;
/** The longest exercise: a week (a take-home review). Longer is a typo, and past about 1e11 minutes the deadline is no date at all. */
export const MAX_DURATION_MINUTES = 7 * 24 * 60;

/**
 * What `exercise start` copies at most: an exercise is one small module. A
 * pack past these bounds is refused before anything is written.
 */
export const MAX_EXERCISE_FILES = 500;
export const MAX_EXERCISE_BYTES = 16 * 1024 * 1024;
const MAX_EXERCISE_DEPTH = 16;

/**
 * What never reaches the candidate: the key, the previous version of the
 * module a change-safety pack keeps for the engine (`base/`), the
 * interviewer's notes, and an older marker or receipt.
 */
const INTERVIEWER_ONLY = new Set([ANSWER_KEY_FILE, PREVIOUS_VERSION_FOLDER, 'INTERVIEWER.md', EXERCISE_MARKER, SUBMISSION_RECEIPT]);

export interface StartExerciseOptions {
  /** A pack name (looked up in `packsRoot`) or a directory holding an exercise with its key. */
  pack: string;
  /** The candidate's folder: created; must not exist or be empty. */
  out: string;
  /** When the exercise starts (the caller's clock). */
  startedAt: Date;
  durationMinutes?: number;
  /** Where packs live by name (default: none, `pack` must be a directory). */
  packsRoot?: string;
  /** Base for relative paths. */
  cwd?: string;
}

export interface StartedExercise {
  dir: string;
  /** What the candidate's folder says: only that it is an exercise. */
  marker: ExerciseMarker;
  /** What the interviewer keeps (a state file, the editor's global storage): start, deadline, key fingerprint. */
  state: ExerciseState;
  /** Folder-relative paths of the files copied, sorted. */
  files: string[];
  /** Folder-relative paths of what was not copied because it is not a regular file or folder (links, pipes, devices, sockets), sorted. */
  skipped: string[];
}

/** Finds a pack by name or path: a directory with an `answer-key.json`. */
export function resolvePack(pack: string, options: { packsRoot?: string; cwd?: string } = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const asPath = resolve(cwd, pack);
  if (isDirectory(asPath)) {
    if (!existsSync(join(asPath, ANSWER_KEY_FILE))) throw new ExerciseError(`${pack} has no ${ANSWER_KEY_FILE}: not an exercise pack or generated exercise.`);
    return asPath;
  }
  if (options.packsRoot && /^[\w.-]+$/.test(pack)) {
    const named = join(options.packsRoot, pack);
    if (isDirectory(named) && existsSync(join(named, ANSWER_KEY_FILE))) return named;
  }
  const known = options.packsRoot ? listPacks(options.packsRoot).map((p) => p.name) : [];
  throw new ExerciseError(`no exercise pack or folder "${pack}"${known.length ? ` (packs: ${known.join(', ')})` : ''}.`);
}

export function readAnswerKey(path: string): AnswerKey {
  const read = readUserText(path, MAX_JSON_FILE_BYTES);
  if (!read.ok) throw new ExerciseError(`cannot read the answer key ${path}: ${read.error}.`);
  return parseAnswerKey(read.text, path);
}

/** Why a duration cannot be an exercise's time limit, or undefined when it can. */
export function durationProblem(minutes: unknown): string | undefined {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_DURATION_MINUTES) {
    return `the duration must be a number of minutes greater than 0 and at most ${MAX_DURATION_MINUTES} (7 days)`;
  }
  return undefined;
}

/**
 * Copies an exercise into the candidate's folder without its key (or anything
 * else only the interviewer may see) and writes the marker, which holds only an
 * opaque id. Returns the state the caller keeps on the interviewer's side.
 */
export function startExercise(options: StartExerciseOptions): StartedExercise {
  const cwd = options.cwd ?? process.cwd();
  const source = resolvePack(options.pack, { cwd, ...(options.packsRoot ? { packsRoot: options.packsRoot } : {}) });
  const keyRead = readRegularFile(join(source, ANSWER_KEY_FILE), MAX_JSON_FILE_BYTES, { followLinks: true });
  if (!keyRead.ok) throw new ExerciseError(`cannot read the answer key of ${options.pack}: ${keyRead.error}.`);
  const key = parseAnswerKey(keyRead.bytes.toString('utf8'), join(source, ANSWER_KEY_FILE));
  const out = resolve(cwd, options.out);
  if (!isNewFolder(out)) {
    throw new ExerciseError(`${options.out} already exists and is not empty; choose a new folder for the candidate.`);
  }
  if (out === source || out.startsWith(source + '/')) throw new ExerciseError('the candidate folder cannot be inside the pack.');
  const duration = options.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  const badDuration = durationProblem(duration);
  if (badDuration) throw new ExerciseError(`${badDuration}.`);

  const plan = planCopy(source);
  mkdirSync(out, { recursive: true });
  for (const dir of plan.folders) mkdirSync(join(out, dir), { recursive: true });
  const files: string[] = [];
  const skipped = [...plan.skipped];
  for (const file of plan.files) {
    // Read as planned: a file replaced since by a link or a pipe is skipped, never followed or waited on.
    const read = readRegularFile(join(source, file), MAX_EXERCISE_BYTES, { followLinks: false });
    if (!read.ok) {
      skipped.push(file);
      continue;
    }
    // 'wx': never write through something already at the destination.
    writeFileSync(join(out, file), read.bytes, { flag: 'wx' });
    files.push(file);
  }

  const marker = writeExerciseMarker(out, newExerciseId());
  const state: ExerciseState = {
    version: 1,
    exercise: marker.exercise,
    name: key.name ?? basename(source),
    ...(key.difficulty ? { difficulty: key.difficulty } : {}),
    folder: out,
    source,
    keyFingerprint: keyFingerprint(keyRead.bytes),
    startedAt: options.startedAt.toISOString(),
    durationMinutes: duration,
    deadline: exerciseDeadline(options.startedAt, duration).toISOString(),
  };
  return { dir: out, marker, state, files: files.sort(), skipped: skipped.sort() };
}

interface CopyPlan {
  /** Folder-relative paths, parents first. */
  folders: string[];
  files: string[];
  skipped: string[];
}

/**
 * What of a pack reaches the candidate: its regular files and folders, by
 * their own entries (a link is never followed: a link to /etc copies nothing
 * of the host, a loop ends nothing), within the count, size and depth bounds.
 */
function planCopy(source: string): CopyPlan {
  const plan: CopyPlan = { folders: [], files: [], skipped: [] };
  let bytes = 0;
  const walk = (dir: string, rel: string, depth: number) => {
    if (depth > MAX_EXERCISE_DEPTH) {
      throw new ExerciseError(`the exercise has folders nested more than ${MAX_EXERCISE_DEPTH} deep (at ${rel}); an exercise is one small module.`);
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new ExerciseError(`cannot read the exercise folder ${rel || '.'}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (rel === '' && INTERVIEWER_ONLY.has(entry.name)) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        plan.folders.push(relPath);
        walk(path, relPath, depth + 1);
      } else if (entry.isFile()) {
        plan.files.push(relPath);
        bytes += lstatSync(path).size;
        if (plan.files.length > MAX_EXERCISE_FILES) {
          throw new ExerciseError(`the exercise has more than ${MAX_EXERCISE_FILES} files; an exercise is one small module, nothing was copied.`);
        }
        if (bytes > MAX_EXERCISE_BYTES) {
          throw new ExerciseError(`the exercise's files come to more than ${MAX_EXERCISE_BYTES / (1024 * 1024)} MB; an exercise is one small module, nothing was copied.`);
        }
      } else plan.skipped.push(relPath);
    }
  };
  walk(source, '', 0);
  return plan;
}

export interface PackSummary {
  name: string;
  dir: string;
  difficulty?: Difficulty;
  problems: number;
  /** The first heading or line of the pack's README.md. */
  title?: string;
}

/** The packs under a folder: its subfolders with an `answer-key.json`, by name. */
export function listPacks(root: string): PackSummary[] {
  if (!isDirectory(root)) return [];
  const out: PackSummary[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!isDirectory(dir) || !existsSync(join(dir, ANSWER_KEY_FILE))) continue;
    const key = readAnswerKey(join(dir, ANSWER_KEY_FILE));
    const summary: PackSummary = { name, dir, problems: key.problems.length };
    if (key.difficulty) summary.difficulty = key.difficulty;
    const title = readmeTitle(dir);
    if (title) summary.title = title;
    out.push(summary);
  }
  return out;
}

function readmeTitle(dir: string): string | undefined {
  const read = readRegularFile(join(dir, 'README.md'), MAX_JSON_FILE_BYTES, { followLinks: false });
  if (!read.ok) return undefined;
  const first = read.bytes.toString('utf8').split(/\r?\n/).find((l) => l.trim() !== '');
  return first?.replace(/^#+\s*/, '').trim();
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether an exercise may be written to `path`: nothing there yet, or an empty folder. */
export function isNewFolder(path: string): boolean {
  return !existsSync(path) || (isDirectory(path) && readdirSync(path).length === 0);
}

/**
 * The key beside an exercise folder's module (a generated exercise or a pack,
 * the interviewer's own copy). A candidate's folder has none and nothing in it
 * leads to one: the interviewer passes the key.
 */
export function ownAnswerKeyPath(dir: string): string | undefined {
  const own = join(dir, ANSWER_KEY_FILE);
  return existsSync(own) ? own : undefined;
}

/** The packs shipped with the tool: `test-fixtures/exercises` of the package this file was loaded from (source or bundle). */
export function defaultPacksRoot(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'test-fixtures', 'exercises');
    if (isDirectory(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}
