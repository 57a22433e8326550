import type { SourceFile } from './parse/ast.js';
import { offsetAt, positionAt, type Range } from './range.js';

/**
 * SPEC §2: a finding starts where the fix is made and ends at the end of
 * that first line, so a multi-line statement or block is not underlined
 * whole (an IAM `statement` would otherwise be 5–7 lines of squiggles). The
 * end is the last non-blank character of the line; a range already on one
 * line is kept as it is.
 */
export function firstLineRange(range: Range, file: Pick<SourceFile, 'text' | 'lineStarts'>): Range {
  if (range.end.line <= range.start.line) return range;
  const nextLineStart = file.lineStarts[range.start.line] ?? file.text.length;
  const start = offsetAt(file.lineStarts, range.start);
  let end = nextLineStart;
  while (end > start && isLineEndOrBlank(file.text.charCodeAt(end - 1))) end--;
  // A range starting on blank trailing text (never made by the rules) keeps its own first character.
  if (end <= start) end = Math.min(start + 1, nextLineStart);
  return { start: range.start, end: positionAt(file.lineStarts, end) };
}

function isLineEndOrBlank(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x20 || code === 0x09;
}
