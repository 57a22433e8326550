import type { Range } from '../range.js';

/** What a change did to each file, from `git diff --name-status -z -M` and `git diff -U0`. Paths are relative to the repository root. */
export interface FileChanges {
  /** New files (added, untracked, or copied). */
  added: Set<string>;
  deleted: Set<string>;
  /** New path → old path. */
  renamedFrom: Map<string, string>;
  /** Lines (1-based, in the new file) that the change added or modified. */
  changedLines: Map<string, Set<number>>;
}

export function parseFileChanges(nameStatus: string, patch: string, untracked: readonly string[]): FileChanges {
  const changes: FileChanges = { added: new Set(untracked), deleted: new Set(), renamedFrom: new Map(), changedLines: new Map() };
  const fields = nameStatus.split('\0');
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++];
    if (!status) continue;
    const kind = status[0];
    if (kind === 'R' || kind === 'C') {
      const from = fields[i++]!;
      const to = fields[i++]!;
      if (kind === 'R') changes.renamedFrom.set(to, from);
      else changes.added.add(to);
    } else {
      const path = fields[i++]!;
      if (kind === 'A') changes.added.add(path);
      else if (kind === 'D') changes.deleted.add(path);
    }
  }
  let current: Set<number> | undefined;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4);
      if (target === '/dev/null') {
        current = undefined;
        continue;
      }
      const path = unquote(target).replace(/^b\//, '');
      current = changes.changedLines.get(path) ?? new Set();
      changes.changedLines.set(path, current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return changes;
}

/** Whether the change added or modified a line of `range` in `path` (repository-relative). */
export function changesLines(changes: FileChanges, path: string, range: Range): boolean {
  const lines = changes.changedLines.get(path);
  if (lines) for (let n = range.start.line; n <= range.end.line; n++) if (lines.has(n)) return true;
  return false;
}

/** git quotes paths with unusual characters C-style ("a\tb"); core.quotePath=false keeps UTF-8 as is. */
function unquote(path: string): string {
  if (!path.startsWith('"')) return path;
  const body = path.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}
