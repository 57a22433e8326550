import { existsSync, lstatSync, mkdirSync, readdirSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAnswerKey, type AnswerKey, type Difficulty } from './answer-key.js';
import { PREVIOUS_VERSION_FOLDER } from '../change/previous-version.js';
import { MAX_JSON_FILE_BYTES, readRegularFile, readUserText } from '../host.js';

/** The file `exercise start` writes into the candidate's folder; the editor reads it to hide diagnostics and run the timer. */
export const EXERCISE_MARKER = '.iac-review-exercise.json';
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
 * interviewer's notes, and an older marker.
 */
const INTERVIEWER_ONLY = new Set([ANSWER_KEY_FILE, PREVIOUS_VERSION_FOLDER, 'INTERVIEWER.md', EXERCISE_MARKER]);

export interface ExerciseMarker {
  version: 1;
  /** Pack name, or the generated exercise's folder name. */
  exercise: string;
  difficulty?: Difficulty;
  /** ISO 8601, UTC. */
  startedAt: string;
  durationMinutes: number;
  /** Absolute path of the pack it was copied from (its answer-key.json scores the folder). */
  source: string;
}

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
  marker: ExerciseMarker;
  /** Folder-relative paths of the files copied, sorted. */
  files: string[];
  /** Folder-relative paths of what was not copied because it is not a regular file or folder (links, pipes, devices, sockets), sorted. */
  skipped: string[];
}

/** A request the exercise commands cannot carry out; the message says why and what to do. */
export class ExerciseError extends Error {}

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

/** Copies an exercise into the candidate's folder without its key (or anything else only the interviewer may see), and writes the marker. */
export function startExercise(options: StartExerciseOptions): StartedExercise {
  const cwd = options.cwd ?? process.cwd();
  const source = resolvePack(options.pack, { cwd, ...(options.packsRoot ? { packsRoot: options.packsRoot } : {}) });
  const key = readAnswerKey(join(source, ANSWER_KEY_FILE));
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

  const marker: ExerciseMarker = {
    version: 1,
    exercise: key.name ?? basename(source),
    ...(key.difficulty ? { difficulty: key.difficulty } : {}),
    startedAt: options.startedAt.toISOString(),
    durationMinutes: duration,
    source,
  };
  writeFileSync(join(out, EXERCISE_MARKER), JSON.stringify(marker, null, 2) + '\n');
  return { dir: out, marker, files: files.sort(), skipped: skipped.sort() };
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

/** Whether a folder is a candidate's exercise (has a readable marker): the editor hides diagnostics there. */
export function isExerciseFolder(dir: string): boolean {
  return readExerciseMarker(dir) !== undefined;
}

/** The marker of a candidate's folder, or undefined when there is none or it is not a marker we wrote. */
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
  const m = data as Partial<ExerciseMarker>;
  if (m.version !== 1 || typeof m.exercise !== 'string' || typeof m.startedAt !== 'string' || Number.isNaN(Date.parse(m.startedAt))) return undefined;
  if (durationProblem(m.durationMinutes) !== undefined || typeof m.source !== 'string') return undefined;
  return m as ExerciseMarker;
}

/** When the exercise's time is up. */
export function exerciseDeadline(marker: ExerciseMarker): Date {
  return new Date(Date.parse(marker.startedAt) + marker.durationMinutes * 60_000);
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

/** The folder's own key, else the key of the pack its marker says it was started from. */
export function answerKeyPathFor(dir: string): string | undefined {
  const own = join(dir, ANSWER_KEY_FILE);
  if (existsSync(own)) return own;
  const marker = readExerciseMarker(dir);
  const fromPack = marker && join(marker.source, ANSWER_KEY_FILE);
  return fromPack && existsSync(fromPack) ? fromPack : undefined;
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
