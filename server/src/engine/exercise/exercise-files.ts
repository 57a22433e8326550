import { join, relative, sep } from 'node:path';
import type { FileHost } from '../host.js';
import { sourceKind } from '../discover.js';
import type { SourceFile } from '../parse/ast.js';
import { parseSource } from '../parse/parse-file.js';
import { PREVIOUS_VERSION_FOLDER } from '../change/previous-version.js';


/** Folders of an exercise that are not the candidate's module: the lead pack's previous version, tool folders. */
const NOT_EXERCISE_FOLDERS = new Set([PREVIOUS_VERSION_FOLDER, '.terraform', '.git', 'node_modules']);

/** The Terraform files of an exercise folder (recursively), parsed, with their paths relative to the folder. */
export interface ExerciseSources {
  dir: string;
  files: SourceFile[];
  /** Folder-relative path (`/` separators) of each file. */
  relativePath(file: SourceFile): string;
  byRelativePath(path: string): SourceFile | undefined;
}

export function readExerciseSources(dir: string, host: FileHost): ExerciseSources {
  const files: SourceFile[] = [];
  // A folder once, by its real path: links in the candidate's folder cannot make the walk loop or repeat.
  const entered = new Set<string>();
  const visit = (folder: string, depth: number) => {
    const key = host.realPath?.(folder) ?? folder;
    if (depth > 16 || entered.has(key)) return;
    entered.add(key);
    const entries = host.readDirectory(folder);
    if (!entries) return;
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory) {
        // Without real paths a loop cannot be told from a folder: links are then not followed.
        if (entry.isSymbolicLink && !host.realPath) continue;
        if (!NOT_EXERCISE_FOLDERS.has(entry.name)) visit(path, depth + 1);
      } else if (sourceKind(entry.name)) {
        const read = host.readText(path);
        if (read.ok) files.push(parseSource(path, read.text));
      }
    }
  };
  visit(dir, 0);
  const rel = (file: SourceFile) => relative(dir, file.path).split(sep).join('/');
  const byPath = new Map(files.map((f) => [rel(f), f]));
  return { dir, files, relativePath: rel, byRelativePath: (p) => byPath.get(p) };
}
