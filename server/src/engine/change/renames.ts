import { nodeCrypto } from '../lazy-builtins.js';
import { posix } from 'node:path';
import type { BaseFile, BaseTree } from './base-tree.js';
import { lineCounts, similarity, type LineCounts } from './line-diff.js';
import { groupBy } from '../group-by.js';

/** A file of the working tree that the base does not have at its path. */
export interface NewFile {
  path: string;
  /** Undefined when it could not be read. */
  text: string | undefined;
}

/** A file of the base that the working tree no longer has at its path. */
export interface GoneFile {
  path: string;
  file: BaseFile;
}

/** git's default: a file that keeps half of another's content is that file, renamed (`git diff -M`). */
const RENAME_THRESHOLD = 0.5;
/** At most this many pairs are compared by content, so a large reorganisation stays linear in practice. */
const MAX_COMPARED_PAIRS = 20_000;
/** At most this many old files with a new file's name (or name and directory name) are compared with it. */
const MAX_CANDIDATES = 8;
/** Files with different names are compared only when there are this few pairs in all (same-name pairs always are, within the budget above). */
const MAX_ANY_NAME_PAIRS = 2_500;

/**
 * Which new files are old ones renamed (new path → old path): first those
 * with exactly the old content, then the most similar pairs above git's
 * threshold. Each old file is the source of one rename at most.
 */
export function detectRenames(added: readonly NewFile[], gone: readonly GoneFile[], base: BaseTree): Map<string, string> {
  const renames = new Map<string, string>();
  const used = new Set<string>();

  // Same content: the object name of the new text equals the old blob's. In passes, most likely first, so
  // that a file of a moved directory is paired with its own old copy even when a new file elsewhere has the
  // same text (an empty `variables.tf`): the same file name in a directory of the same name, then the same
  // file name, then any.
  const formats = [...new Set(gone.map((g) => g.file.oid.length))];
  const oids = new Map<string, string[]>();
  const oidsOf = (a: NewFile & { text: string }) => {
    let ids = oids.get(a.path);
    if (!ids) oids.set(a.path, (ids = formats.map((length) => blobId(a.text, length))));
    return ids;
  };
  const exactPasses: Array<(path: string) => string> = [placeKeyOf, posix.basename, () => ''];
  for (const pass of exactPasses) {
    const queues = new Queues(gone, (g) => `${g.file.oid}\0${pass(g.path)}`);
    for (const a of added) {
      if (a.text === undefined || renames.has(a.path)) continue;
      for (const oid of oidsOf(a as NewFile & { text: string })) {
        const pick = queues.take(`${oid}\0${pass(a.path)}`, used);
        if (!pick) continue;
        renames.set(a.path, pick.path);
        used.add(pick.path);
        break;
      }
    }
  }

  // Similar content, best pairs first.
  const newFiles = added.filter((a): a is NewFile & { text: string } => a.text !== undefined && !renames.has(a.path));
  const oldFiles = gone.filter((g) => !used.has(g.path));
  if (newFiles.length === 0 || oldFiles.length === 0) return renames;
  const anyName = newFiles.length * oldFiles.length <= MAX_ANY_NAME_PAIRS;
  const oldText = new Map<string, string | null>();
  const textOf = (g: GoneFile) => {
    if (!oldText.has(g.path)) {
      const read = base.readText(g.file);
      oldText.set(g.path, read.ok ? read.text : null);
    }
    return oldText.get(g.path) ?? undefined;
  };
  const counts = new Map<string, LineCounts>();
  const countsOf = (key: string, text: string) => {
    let c = counts.get(key);
    if (!c) counts.set(key, (c = lineCounts(text)));
    return c;
  };
  // Candidates in rounds, most likely first, each old file list capped: the same file name in a
  // directory of the same name (a moved module), then the same file name, then (few files) any.
  const nameKey = (path: string) => posix.basename(path);
  const placeKey = placeKeyOf;
  const byPlace = groupBy(oldFiles, (g) => placeKey(g.path));
  const byName = groupBy(oldFiles, (g) => nameKey(g.path));
  const rounds: Array<(a: NewFile) => readonly GoneFile[]> = [
    (a) => (byPlace.get(placeKey(a.path)) ?? []).slice(0, MAX_CANDIDATES),
    (a) => (byName.get(nameKey(a.path)) ?? []).slice(0, MAX_CANDIDATES),
  ];
  if (anyName) rounds.push(() => oldFiles);

  const pairs: Array<{ to: string; from: string; score: number; sameName: boolean }> = [];
  const compared = new Set<string>();
  let budget = MAX_COMPARED_PAIRS;
  for (const round of rounds) {
    for (const a of newFiles) {
      for (const g of round(a)) {
        if (budget <= 0) break;
        const key = `${a.path}\0${g.path}`;
        if (compared.has(key)) continue;
        compared.add(key);
        const before = textOf(g);
        if (before === undefined) continue;
        // Sizes alone rule out most pairs: the smaller must be at least half the larger.
        if (Math.min(before.length, a.text.length) < RENAME_THRESHOLD * Math.max(before.length, a.text.length)) continue;
        budget--;
        const score = similarity(countsOf(`+${a.path}`, a.text), countsOf(`-${g.path}`, before));
        if (score >= RENAME_THRESHOLD) pairs.push({ to: a.path, from: g.path, score, sameName: sameName(a.path, g.path) });
      }
    }
  }
  pairs.sort((x, y) => y.score - x.score || Number(y.sameName) - Number(x.sameName) || compare(x.to, y.to) || compare(x.from, y.from));
  for (const p of pairs) {
    if (renames.has(p.to) || used.has(p.from)) continue;
    renames.set(p.to, p.from);
    used.add(p.from);
  }
  return renames;
}

/** git's object name of a blob with this text (SHA-1, or SHA-256 in a repository that uses it). */
export function blobId(text: string, oidLength: number): string {
  const bytes = Buffer.from(text, 'utf8');
  return nodeCrypto().createHash(oidLength === 64 ? 'sha256' : 'sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

/** Old files grouped by a key, each group handed out in order, skipping those already used (linear in all). */
class Queues {
  private readonly groups: Map<string, GoneFile[]>;
  private readonly next = new Map<string, number>();
  constructor(files: readonly GoneFile[], key: (g: GoneFile) => string) {
    this.groups = groupBy(files, key);
  }
  take(key: string, used: ReadonlySet<string>): GoneFile | undefined {
    const group = this.groups.get(key);
    if (!group) return undefined;
    let i = this.next.get(key) ?? 0;
    while (i < group.length && used.has(group[i]!.path)) i++;
    this.next.set(key, i);
    return group[i];
  }
}

/** A file's name with its directory's name: `a/main.tf` for `examples/a/main.tf` and `tests/a/main.tf` alike. */
function placeKeyOf(path: string): string {
  return `${posix.basename(posix.dirname(path))}/${posix.basename(path)}`;
}

function sameName(a: string, b: string): boolean {
  return posix.basename(a) === posix.basename(b);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
