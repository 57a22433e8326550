/**
 * The one position/range type of the engine. Lines and columns are 1-based;
 * columns count UTF-16 code units (what editors and JavaScript strings count);
 * `offset` is the 0-based UTF-16 index into the text the parser was given
 * (a leading byte-order mark is removed before parsing and never counted).
 */
export interface Position {
  line: number;
  column: number;
  offset: number;
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
  return { line: line + 1, column: offset - lineStarts[line]! + 1, offset };
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
  return a.start.offset - b.start.offset || a.end.offset - b.end.offset;
}
