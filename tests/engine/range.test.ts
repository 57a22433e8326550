import { describe, expect, test } from 'vitest';
import { MAX_SOURCE_BYTES } from '../../server/src/engine/host.js';
import { comparePositions, computeLineStarts, offsetAt, positionAt, positionOrder, POSITION_ORDER_LINE, rangeContains, rangeText, type Position } from '../../server/src/engine/range.js';

describe('positions without offsets', () => {
  test('offsetAt and positionAt are inverse over a text with LF, CRLF, empty lines and surrogate pairs', () => {
    const text = 'a = 1\r\n\n  b = "\u{1F600}x"\nlast';
    const starts = computeLineStarts(text);
    for (let offset = 0; offset <= text.length; offset++) expect(offsetAt(starts, positionAt(starts, offset))).toBe(offset);
  });

  test('rangeText and rangeContains', () => {
    const source = { text: 'one\ntwo three\n', lineStarts: computeLineStarts('one\ntwo three\n') };
    const two = { start: { line: 2, column: 1 }, end: { line: 2, column: 4 } };
    expect(rangeText(source, two)).toBe('two');
    expect(rangeContains({ start: { line: 1, column: 2 }, end: { line: 2, column: 10 } }, two)).toBe(true);
    expect(rangeContains({ start: { line: 2, column: 2 }, end: { line: 2, column: 10 } }, two)).toBe(false);
  });

  test('positionOrder orders as comparePositions does, up to the largest place a source text can have', () => {
    // A source text is at most MAX_SOURCE_BYTES (UTF-16 units never outnumber UTF-8 bytes): its lines and columns
    // stay at or below MAX_SOURCE_BYTES + 1, where positionOrder must still be exact.
    const most = MAX_SOURCE_BYTES + 1;
    expect(most).toBeLessThan(POSITION_ORDER_LINE);
    expect(most * POSITION_ORDER_LINE + most).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    const places: Position[] = [];
    for (const line of [1, 2, most - 1, most]) for (const column of [1, 2, most - 1, most]) places.push({ line, column });
    for (const a of places) {
      for (const b of places) expect(Math.sign(positionOrder(a) - positionOrder(b))).toBe(Math.sign(comparePositions(a, b)));
    }
  });
});
