/**
 * The one position/range type of the engine. Lines and columns are 1-based;
 * columns count UTF-16 code units (what editors and JavaScript strings count).
 * A position holds no offset into its text: `offsetAt(file.lineStarts, p)`
 * gives it (a leading byte-order mark is removed before parsing and never
 * counted). Without one, a position after an edit on the same line count
 * stays right: a keystroke in a large file leaves every block below it the
 * very same objects (parse/reparse.ts), where absolute offsets made the
 * re-parse copy half the file's tree at every keystroke.
 */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A range in a particular file; `file` is an absolute path. */
export interface Location {
  file: string;
  range: Range;
}

/**
 * Start offsets of each line, for converting offsets to positions. Found with
 * `indexOf`, which is much faster than a per-character loop (every parse does this).
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i >= 0) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

export function positionAt(lineStarts: readonly number[], offset: number): Position {
  const line = lineIndexAt(lineStarts, offset);
  return { line: line + 1, column: offset - lineStarts[line]! + 1 };
}

/** The 0-based UTF-16 index of `p` in the text whose line starts are `lineStarts`. */
export function offsetAt(lineStarts: readonly number[], p: Position): number {
  return lineStarts[p.line - 1]! + p.column - 1;
}

/** Orders two positions of one text: negative when `a` is first. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}

/**
 * A number that orders positions of one text as comparePositions does, for
 * code that sorts or sweeps numbers. Exact while columns stay below 2^26 and
 * lines below 2^27: a source text is at most 8 MiB (host.ts MAX_SOURCE_BYTES,
 * checked in tests/engine/range.test.ts), so neither passes 2^23 + 1.
 */
export function positionOrder(p: Position): number {
  return p.line * POSITION_ORDER_LINE + p.column;
}

/** positionOrder's weight of a line: more than any column. */
export const POSITION_ORDER_LINE = 2 ** 26;

/** True when `inner` lies within `outer` (both of one text). */
export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** 0-based index of the line holding `offset` (the last line for the end of the text). */
export function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function rangeFromOffsets(lineStarts: readonly number[], start: number, end: number): Range {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}


export function compareRanges(a: Range, b: Range): number {
  return comparePositions(a.start, b.start) || comparePositions(a.end, b.end);
}

/** A text and its line starts: a parsed file (SourceFile) or any text positions were made in. */
export interface PositionedText {
  readonly text: string;
  readonly lineStarts: readonly number[];
}

/** The text `range` spans in `source`. */
export function rangeText(source: PositionedText, range: Range): string {
  return source.text.slice(offsetAt(source.lineStarts, range.start), offsetAt(source.lineStarts, range.end));
}
