import { diffArrays } from 'diff';

/**
 * The diff algorithm (Myers, as git's) costs up to the edit length times the
 * length of the texts: it gives up past this much work (an edit length of
 * 2,000 lines in a 2,500-line region), and a rewrite that large is compared
 * line by line instead.
 */
const MAX_DIFF_WORK = 5_000_000;
const MAX_EDIT_LENGTH = 2000;

/**
 * Lines (1-based) of `after` that the change from `before` added or modified:
 * what `git diff -U0` lists as `+` lines. A carriage return before a newline
 * is not a change (a Windows checkout of a file committed with LF). A missing
 * newline at the end is, as for git.
 */
export function addedLines(before: string, after: string): Set<number> {
  const old = tokens(before);
  const now = tokens(after);
  // The unchanged head and tail cost nothing to skip, and most edits leave little in between.
  let start = 0;
  while (start < old.length && start < now.length && old[start] === now[start]) start++;
  let end = 0;
  while (end < old.length - start && end < now.length - start && old[old.length - 1 - end] === now[now.length - 1 - end]) end++;
  const ids = new Map<string, number>();
  const id = (line: string) => {
    let n = ids.get(line);
    if (n === undefined) ids.set(line, (n = ids.size));
    return n;
  };
  const left = old.slice(start, old.length - end).map(id);
  const right = now.slice(start, now.length - end).map(id);
  const maxEditLength = Math.min(MAX_EDIT_LENGTH, Math.floor(MAX_DIFF_WORK / Math.max(1, left.length + right.length)));
  const changes = diffArrays(left, right, { maxEditLength });
  if (!changes) return linesNotIn(before, after);
  const out = new Set<number>();
  let line = start + 1;
  for (const change of changes) {
    if (change.added) for (let i = 0; i < change.count; i++) out.add(line + i);
    if (!change.removed) line += change.count;
  }
  return out;
}

/** Lines with their terminator (`\n`; a `\r\n` counts as `\n`), so that a missing final newline differs. */
function tokens(text: string): string[] {
  const parts = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    if (last && parts[i] === '') break;
    const part = parts[i]!;
    out.push(last ? part : (part.endsWith('\r') ? part.slice(0, -1) : part) + '\n');
  }
  return out;
}

/** Every line of a text (1-based): a file whose base cannot be read. */
export function allLines(text: string): Set<number> {
  const out = new Set<number>();
  const count = lines(text).length;
  for (let n = 1; n <= count; n++) out.add(n);
  return out;
}

/**
 * A rewrite too large to diff: the lines whose text the base does not have
 * anywhere are certainly new; a line that only moved is not counted.
 */
function linesNotIn(before: string, after: string): Set<number> {
  const old = new Set(lines(before));
  const out = new Set<number>();
  lines(after).forEach((text, i) => {
    if (!old.has(text)) out.add(i + 1);
  });
  return out;
}

/** Lines without their terminators; a final newline ends the last line, it does not start another. */
export function lines(text: string): string[] {
  const out = text.split(/\r?\n/);
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * How much of two texts is the same, as git's rename detection estimates
 * it: the bytes of lines they share (as multisets) over the larger size. 1 is
 * the same text, 0.5 is git's default threshold for a rename.
 */
export function similarity(a: LineCounts, b: LineCounts): number {
  const larger = Math.max(a.bytes, b.bytes);
  if (larger === 0) return 1;
  let common = 0;
  const [small, big] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  for (const [line, count] of small.counts) {
    const other = big.counts.get(line);
    if (other) common += Math.min(count, other) * (line.length + 1);
  }
  return common / larger;
}

export interface LineCounts {
  counts: Map<string, number>;
  /** Sum of line lengths plus one terminator each. */
  bytes: number;
}

export function lineCounts(text: string): LineCounts {
  const counts = new Map<string, number>();
  let bytes = 0;
  for (const line of lines(text)) {
    counts.set(line, (counts.get(line) ?? 0) + 1);
    bytes += line.length + 1;
  }
  return { counts, bytes };
}
