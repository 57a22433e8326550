import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAnswerKey, type AnswerKey, type Difficulty } from './answer-key.js';
import { PREVIOUS_VERSION_FOLDER } from '../change/previous-version.js';

/** The file `exercise start` writes into the candidate's folder; the editor reads it to hide diagnostics and run the timer. */
export const EXERCISE_MARKER = '.iac-review-exercise.json';
export const ANSWER_KEY_FILE = 'answer-key.json';
export const DEFAULT_DURATION_MINUTES = 40;

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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ExerciseError(`cannot read the answer key ${path}.`);
  }
  return parseAnswerKey(text, path);
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
  if (!(duration > 0)) throw new ExerciseError('the duration must be a positive number of minutes.');

  const files: string[] = [];
  const copy = (from: string, to: string, rel: string) => {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from).sort()) {
      if (rel === '' && INTERVIEWER_ONLY.has(name)) continue;
      const src = join(from, name);
      const relPath = rel ? `${rel}/${name}` : name;
      if (isDirectory(src)) copy(src, join(to, name), relPath);
      else {
        copyFileSync(src, join(to, name));
        files.push(relPath);
      }
    }
  };
  copy(source, out, '');

  const marker: ExerciseMarker = {
    version: 1,
    exercise: key.name ?? basename(source),
    ...(key.difficulty ? { difficulty: key.difficulty } : {}),
    startedAt: options.startedAt.toISOString(),
    durationMinutes: duration,
    source,
  };
  writeFileSync(join(out, EXERCISE_MARKER), JSON.stringify(marker, null, 2) + '\n');
  return { dir: out, marker, files: files.sort() };
}

/** Whether a folder is a candidate's exercise (has a readable marker): the editor hides diagnostics there. */
export function isExerciseFolder(dir: string): boolean {
  return readExerciseMarker(dir) !== undefined;
}

/** The marker of a candidate's folder, or undefined when there is none or it is not a marker we wrote. */
export function readExerciseMarker(dir: string): ExerciseMarker | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(dir, EXERCISE_MARKER), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Partial<ExerciseMarker>;
  if (m.version !== 1 || typeof m.exercise !== 'string' || typeof m.startedAt !== 'string' || Number.isNaN(Date.parse(m.startedAt))) return undefined;
  if (typeof m.durationMinutes !== 'number' || typeof m.source !== 'string') return undefined;
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
  try {
    const first = readFileSync(join(dir, 'README.md'), 'utf8').split(/\r?\n/).find((l) => l.trim() !== '');
    return first?.replace(/^#+\s*/, '').trim();
  } catch {
    return undefined;
  }
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
