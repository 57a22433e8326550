import { dirname, resolve } from 'node:path';
import type { Finding } from '../finding.js';
import { ExerciseFolderIndex } from './exercise-marker.js';
import { workspaceRootFinder } from '../workspace-root.js';

/** Markers are looked for up to the reviewed files' workspace (SPEC §2: nothing outside it is read). */
const workspaceIndex = () => new ExerciseFolderIndex(workspaceRootFinder());

/**
 * SPEC §8: inside a candidate's exercise folder the tool says nothing about
 * the module — no findings, no checklist items, no undecided questions —
 * whichever way it is run there (editor or `check` / `checklist`), so the
 * candidate reviews unaided. This guards against a casual look only: a
 * candidate who deletes the marker, or copies the files elsewhere, sees the
 * findings again (the interviewer's environment is the real guard).
 */
export interface Silenced<T> {
  result: T;
  /** The exercise folders the reviewed files lie in (whatever was or was not found there). */
  exerciseFolders: string[];
}

/** Drops what a review says about files in exercise folders; `files` names the reviewed files, so the note does not depend on what was found. */
export function silenceExerciseFolders<T extends { findings: Finding[]; files: readonly string[]; undecided?: readonly { file: string }[] }>(
  result: T,
  index: ExerciseFolderIndex = workspaceIndex(),
): Silenced<T> {
  const folders = new Set<string>();
  for (const file of result.files) {
    const folder = index.exerciseOf(dirname(resolve(file)));
    if (folder) folders.add(folder);
  }
  if (folders.size === 0) return { result, exerciseFolders: [] };
  const quiet = (file: string) => !index.covers(file);
  const next: T = {
    ...result,
    findings: result.findings.filter((f) => quiet(f.file)),
    ...(result.undecided ? { undecided: result.undecided.filter((u) => quiet(u.file)) } : {}),
  };
  return { result: next, exerciseFolders: [...folders].sort() };
}

/**
 * A change review (`--base`, what a pull request's gate runs) is never
 * silenced by a marker: the change could have added the marker itself to hide
 * what it introduces. It reviews exercise folders like any other and says so.
 */
export function changeReviewNote(command: string, folders: readonly string[]): string {
  const what = folders.length === 1 ? 'an interview exercise folder' : `${folders.length} interview exercise folders`;
  return `iac-review ${command} --base: ${what} reviewed all the same (a change review is not silenced by an exercise marker: the change could have added it).`;
}

/** The one line `check` and `checklist` print (to stderr) when they stayed silent about exercise folders. */
export function exerciseSilenceNote(command: string, folders: readonly string[]): string {
  const what = folders.length === 1 ? 'an interview exercise folder' : `${folders.length} interview exercise folders`;
  return `iac-review ${command}: ${what} not reviewed (the candidate reviews it unaided; the interviewer scores it with \`iac-review exercise score\`).`;
}

/** A checklist without items in exercise folders (sections left empty go too); item files are relative to `cwd`. */
export function silenceChecklistItems<C extends { sections: Array<{ items: Array<{ file: string }> }> }>(
  checklist: C,
  cwd: string,
  files: readonly string[],
  index: ExerciseFolderIndex = workspaceIndex(),
): Silenced<C> {
  const { exerciseFolders } = silenceExerciseFolders({ findings: [], files }, index);
  if (exerciseFolders.length === 0) return { result: checklist, exerciseFolders };
  const sections = checklist.sections
    .map((section) => ({ ...section, items: section.items.filter((item) => !index.covers(resolve(cwd, item.file))) }))
    .filter((section) => section.items.length > 0);
  return { result: { ...checklist, sections }, exerciseFolders };
}
