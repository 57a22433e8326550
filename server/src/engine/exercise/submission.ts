import { nodeCrypto } from '../lazy-builtins.js';
import { lstatSync, readdirSync, writeFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { MAX_JSON_FILE_BYTES, readRegularFile } from '../host.js';
import { ExerciseError } from './exercise-errors.js';
import { EXERCISE_MARKER, readExerciseMarker } from './exercise-marker.js';
import { parseSubmission, type Submission } from './exercise-state.js';

/** The candidate's receipt of a submission, in their folder: when, and a hash of what was submitted. Nothing about the key. */
export const SUBMISSION_RECEIPT = '.iac-review-submission.json';

/** Tool folders a candidate may create (`terraform init`, git) that are not their answer. */
const NOT_ANSWER_FOLDERS = new Set(['.git', '.terraform', 'node_modules']);
const NOT_ANSWER_FILES = new Set([EXERCISE_MARKER, SUBMISSION_RECEIPT]);
const MAX_FILES = 2000;
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_DEPTH = 16;

/**
 * `sha256:<hex>` over the folder's regular files (path and bytes, in path
 * order), without the marker, the receipt and tool folders: two folders with
 * the same answer hash alike, and any edit changes it. Links are not followed.
 */
export function hashExerciseFiles(dir: string): { hash: string; files: number } {
  const paths: string[] = [];
  let bytes = 0;
  const walk = (folder: string, rel: string, depth: number) => {
    if (depth > MAX_DEPTH) throw new ExerciseError(`the exercise folder is nested more than ${MAX_DEPTH} deep at ${rel}.`);
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      throw new ExerciseError(`cannot read ${rel || 'the exercise folder'}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!NOT_ANSWER_FOLDERS.has(entry.name)) walk(join(folder, entry.name), relPath, depth + 1);
      } else if (entry.isFile() && !(rel === '' && NOT_ANSWER_FILES.has(entry.name))) {
        paths.push(relPath);
        bytes += lstatSync(join(folder, entry.name)).size;
        if (paths.length > MAX_FILES || bytes > MAX_BYTES) throw new ExerciseError('the exercise folder holds too much to submit (an exercise is one small module).');
      }
    }
  };
  walk(dir, '', 0);
  const hash = nodeCrypto().createHash('sha256');
  for (const path of paths) {
    const read = readRegularFile(join(dir, path), MAX_BYTES, { followLinks: false });
    hash.update(path).update('\0').update(read.ok ? read.bytes : Buffer.from(`unreadable: ${read.error}`)).update('\0');
  }
  return { hash: `sha256:${hash.digest('hex')}`, files: paths.length };
}

/**
 * Submits a candidate's folder: records the time and the hash of its files
 * and writes the receipt into the folder. Shows nothing about the key — the
 * interviewer scores it.
 */
export function submitExercise(dir: string, now: Date): Submission & { exercise: string } {
  const marker = readExerciseMarker(dir);
  if (!marker) throw new ExerciseError(`${dir} is not an exercise folder (no ${EXERCISE_MARKER}).`);
  const { hash, files } = hashExerciseFiles(dir);
  const submission: Submission = { submittedAt: now.toISOString(), filesHash: hash, files };
  writeFileSync(join(dir, SUBMISSION_RECEIPT), JSON.stringify({ version: 1, exercise: marker.exercise, ...submission }, null, 2) + '\n');
  return { exercise: marker.exercise, ...submission };
}

/** The receipt in a candidate's folder, if there is a valid one. */
export function readSubmissionReceipt(dir: string): Submission | undefined {
  const read = readRegularFile(join(dir, SUBMISSION_RECEIPT), MAX_JSON_FILE_BYTES, { followLinks: false });
  if (!read.ok) return undefined;
  try {
    return parseSubmission(JSON.parse(read.bytes.toString('utf8')));
  } catch {
    return undefined;
  }
}
