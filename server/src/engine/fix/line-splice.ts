import type { TextEdit } from '../finding.js';
import type { BodyItem, SourceFile } from '../parse/ast.js';
import { rangeFromOffsets } from '../range.js';
import { realign } from './fmt-lines.js';

const linesCache = new WeakMap<SourceFile, readonly string[]>();

/** The file's lines without their `\n` (a CRLF file keeps `\r` at each line end). */
export function fileLines(file: SourceFile): readonly string[] {
  let lines = linesCache.get(file);
  if (!lines) {
    lines = file.text.split('\n');
    linesCache.set(file, lines);
  }
  return lines;
}

/**
 * The 0-based line window an edit at `index` can affect: the top-level item
 * holding it (alignment runs and heredocs never cross a top-level block),
 * widened over neighbouring top-level attributes (a tfvars file is one run).
 */
function editWindow(file: SourceFile, index: number): [number, number] {
  const items = file.body;
  const line = index + 1;
  const at = itemAround(items, line);
  if (at < 0) return [0, fileLines(file).length - 1];
  let first = at;
  let last = at;
  if (items[at]!.kind === 'Attribute') {
    while (first > 0 && items[first - 1]!.kind === 'Attribute') first--;
    while (last < items.length - 1 && items[last + 1]!.kind === 'Attribute') last++;
  }
  // Comment lines directly above the item belong to its window too.
  const start = Math.max(0, items[first]!.range.start.line - 2);
  const end = Math.min(fileLines(file).length - 1, items[last]!.range.end.line);
  return [start, end];
}

/**
 * The first top-level item whose lines (and the line after it) hold `line`,
 * else -1. Binary search: items are in source order and do not overlap, so
 * their end lines never decrease — a module with many blocks and a fix on
 * each (JSON output computes them all) stays n·log n.
 */
function itemAround(items: readonly BodyItem[], line: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.range.end.line + 1 >= line) hi = mid;
    else lo = mid + 1;
  }
  return lo < items.length && items[lo]!.range.start.line <= line ? lo : -1;
}

export function isCrlf(file: SourceFile): boolean {
  const nl = file.text.indexOf('\n');
  return nl > 0 && file.text.charCodeAt(nl - 1) === 13;
}

/** Leading whitespace of a 1-based line. */
export function indentOf(file: SourceFile, line: number): string {
  const text = fileLines(file)[line - 1] ?? '';
  return /^[ \t]*/.exec(text)![0];
}

/**
 * Replaces `deleteCount` lines starting at 0-based `index` with `insert`
 * (lines without line endings), realigns the `=`/comment runs around them as
 * terraform fmt does, and returns the smallest whole-line edit.
 */
export function spliceLines(file: SourceFile, index: number, deleteCount: number, insert: string[]): TextEdit {
  const all = fileLines(file);
  const [from, to] = editWindow(file, index);
  const lo = Math.min(from, index);
  const hi = Math.max(to, index + deleteCount - 1);
  const old = all.slice(lo, hi + 1);
  const cr = isCrlf(file) ? '\r' : '';
  const added = insert.map((l) => l + cr);
  const at = index - lo;
  const spliced = [...old.slice(0, at), ...added, ...old.slice(at + deleteCount)];
  const next = realign(spliced, at, at + Math.max(added.length, 1) - 1);
  let first = 0;
  while (first < old.length && first < next.length && old[first] === next[first]) first++;
  let oldEnd = old.length - 1;
  let newEnd = next.length - 1;
  while (oldEnd >= first && newEnd >= first && old[oldEnd] === next[newEnd]) {
    oldEnd--;
    newEnd--;
  }
  // Back to whole-file line numbers.
  return wholeLineEdit(file, all.length, lo + first, lo + oldEnd, next.slice(first, newEnd + 1));
}

function wholeLineEdit(file: SourceFile, lineCount: number, first: number, oldEnd: number, newLines: string[]): TextEdit {
  const start = file.lineStarts[first] ?? file.text.length;
  const replacesLast = oldEnd >= lineCount - 1;
  const end = replacesLast ? file.text.length : file.lineStarts[oldEnd + 1]!;
  const newText = replacesLast ? newLines.join('\n') : newLines.map((l) => l + '\n').join('');
  return { file: file.path, range: rangeFromOffsets(file.lineStarts, start, end), newText };
}
