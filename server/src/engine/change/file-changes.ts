import type { Range } from '../range.js';
import type { BaseTree } from './base-tree.js';
import { addedLines, allLines } from './line-diff.js';
import { blobId, detectRenames, type GoneFile, type NewFile } from './renames.js';
import type { WorkingTree } from './working-tree.js';

/** What a change did to each Terraform source file. Paths are relative to the repository root, `/`-separated. */
export interface FileChanges {
  /** New files: on disk, absent from the base, and not a base file renamed. */
  added: Set<string>;
  deleted: Set<string>;
  /** New path → old path. */
  renamedFrom: Map<string, string>;
  /** Lines (1-based, in the new file) that the change added or modified. */
  changedLines: Map<string, Set<number>>;
}

/**
 * Compares the working tree's Terraform sources with the base's, as
 * `git diff -M <base>` would and without running it: a file whose content
 * hashes to the base blob's object name is unchanged; otherwise its lines are
 * diffed against the blob. `inScope` says which working-tree files the review
 * looks at (the analysed paths); files elsewhere only count as still present,
 * so that a base file moved into the analysed paths is seen as renamed.
 */
export function compareWithBase(base: BaseTree, head: WorkingTree, inScope: (rel: string) => boolean): FileChanges {
  const changes: FileChanges = { added: new Set(), deleted: new Set(), renamedFrom: new Map(), changedLines: new Map() };
  const baseFiles = base.sourceFiles();
  const added: NewFile[] = [];
  for (const path of [...head.paths].sort()) {
    if (!inScope(path)) continue;
    const text = head.readText(path);
    const before = baseFiles.get(path);
    if (!before) {
      added.push({ path, text });
      continue;
    }
    // Unreadable: the review reports it and finds nothing in it, so no line of it is needed.
    if (text === undefined || blobId(text, before.oid.length) === before.oid) continue;
    const old = base.readText(before);
    const lines = old.ok ? addedLines(old.text, text) : allLines(text);
    if (lines.size) changes.changedLines.set(path, lines);
  }

  const gone: GoneFile[] = [];
  for (const [path, file] of [...baseFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (!head.paths.has(path)) gone.push({ path, file });
  const renames = detectRenames(added, gone, base);
  for (const { path, text } of added) {
    const from = renames.get(path);
    if (from === undefined) {
      changes.added.add(path);
      continue;
    }
    changes.renamedFrom.set(path, from);
    if (text === undefined) continue;
    const old = base.readText(baseFiles.get(from)!);
    const lines = old.ok ? addedLines(old.text, text) : allLines(text);
    if (lines.size) changes.changedLines.set(path, lines);
  }
  const renamedAway = new Set(renames.values());
  for (const g of gone) if (!renamedAway.has(g.path)) changes.deleted.add(g.path);
  return changes;
}

/** Whether the change added or modified a line of `range` in `path` (repository-relative). */
export function changesLines(changes: FileChanges, path: string, range: Range): boolean {
  const lines = changes.changedLines.get(path);
  if (lines) for (let n = range.start.line; n <= range.end.line; n++) if (lines.has(n)) return true;
  return false;
}
