import type { Position, Range } from '../range.js';

/**
 * Offset → line/column conversion for one text. Parsers ask for positions in
 * mostly increasing order, so the line of the previous answer is tried first
 * before falling back to a binary search.
 */
export class PositionIndex {
  private lastLine = 0;

  constructor(private readonly lineStarts: readonly number[]) {}

  position(offset: number): Position {
    const starts = this.lineStarts;
    let line = this.lastLine;
    const next = line + 1 < starts.length ? starts[line + 1]! : Infinity;
    if (!(starts[line]! <= offset && offset < next)) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      line = lo;
      this.lastLine = lo;
    }
    return { line: line + 1, column: offset - starts[line]! + 1, offset };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
