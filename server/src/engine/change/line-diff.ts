import { diffLines } from 'diff';

/**
 * Beyond this many inserted and deleted lines the diff algorithm (Myers, as
 * git's) gives up: its cost grows with the edit length times the file length.
 */
const MAX_EDIT_LENGTH = 5000;

/**
 * Lines (1-based) of `after` that the change from `before` added or modified:
 * what `git diff -U0` lists as `+` lines. A carriage return before a newline
 * is not a change (a Windows checkout of a file committed with LF).
 */
export function addedLines(before: string, after: string): Set<number> {
  const changes = diffLines(before, after, { stripTrailingCr: true, maxEditLength: MAX_EDIT_LENGTH });
  if (!changes) return linesNotIn(before, after);
  const out = new Set<number>();
  let line = 1;
  for (const change of changes) {
    if (change.added) for (let i = 0; i < change.count; i++) out.add(line + i);
    if (!change.removed) line += change.count;
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
