import { offsetAt, type Position, type Range } from '../range.js';

/**
 * Offset → line/column conversion for one text. Parsers ask for positions in
 * mostly increasing order, so a cursor on the line of the previous answer is
 * moved a few lines forward or back before falling back to a binary search.
 */
export class PositionIndex {
  /** 0-based line of the previous answer and the offsets where it and the next line start. */
  private line = 0;
  private lineStart = 0;
  private nextStart: number;

  constructor(private readonly lineStarts: readonly number[]) {
    this.nextStart = lineStarts.length > 1 ? lineStarts[1]! : Infinity;
  }

  position(offset: number): Position {
    if (offset >= this.lineStart && offset < this.nextStart) {
      return { line: this.line + 1, column: offset - this.lineStart + 1 };
    }
    this.seek(offset);
    return { line: this.line + 1, column: offset - this.lineStart + 1 };
  }

  /** The offset of a position of this text (positions hold none). */
  offsetOf(p: Position): number {
    return offsetAt(this.lineStarts, p);
  }

  /** 1-based column of `offset`, without allocating. */
  column(offset: number): number {
    if (!(offset >= this.lineStart && offset < this.nextStart)) this.seek(offset);
    return offset - this.lineStart + 1;
  }

  /** 1-based line of `offset`, without allocating. */
  lineOf(offset: number): number {
    if (!(offset >= this.lineStart && offset < this.nextStart)) this.seek(offset);
    return this.line + 1;
  }

  range(start: number, end: number): Range {
    const s = this.position(start);
    return { start: s, end: end === start ? s : this.position(end) };
  }

  private seek(offset: number): void {
    const starts = this.lineStarts;
    const count = starts.length;
    let line = this.line;
    // Nearby lines first: most requests are on the next line or a few lines back.
    if (offset >= this.nextStart && line + 2 < count && offset < starts[line + 2]!) {
      line++;
    } else if (offset < this.lineStart && line > 0 && offset >= starts[line - 1]!) {
      line--;
    } else {
      let lo = 0;
      let hi = count - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      line = lo;
    }
    this.line = line;
    this.lineStart = starts[line]!;
    this.nextStart = line + 1 < count ? starts[line + 1]! : Infinity;
  }
}
