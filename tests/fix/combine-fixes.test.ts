import { describe, expect, it } from 'vitest';
import { combineFixes } from '../../server/src/engine/fix/combine-fixes.js';
import type { Fix } from '../../server/src/engine/finding.js';
import { computeLineStarts, rangeFromOffsets } from '../../server/src/engine/range.js';

const FILE = '/w/main.tf';
const TEXT = 'resource "a" "x" {\n}\n\nresource "a" "y" {\n}\n';
const starts = computeLineStarts(TEXT);

function insert(at: number, newText: string, title = 'fix'): Fix {
  return { title, edits: [{ file: FILE, range: rangeFromOffsets(starts, at, at), newText }] };
}

describe('combineFixes', () => {
  const textOf = (file: string) => (file === FILE ? TEXT : undefined);
  const xBody = TEXT.indexOf('}\n');
  const yBody = TEXT.lastIndexOf('}\n');

  it('takes fixes whose edits do not overlap', () => {
    const combined = combineFixes([insert(xBody, '  a = 1\n'), insert(yBody, '  a = 1\n')], textOf);
    expect(combined).toMatchObject({ applied: 2, skipped: 0 });
    expect(combined.edits).toHaveLength(2);
  });

  it('leaves out a fix overlapping one already taken: shared replaced text, or the same insertion twice', () => {
    const replace = (from: number, to: number, newText: string): Fix => ({ title: 'r', edits: [{ file: FILE, range: rangeFromOffsets(starts, from, to), newText }] });
    expect(TEXT.slice(9, 12)).toBe('"a"');
    expect(combineFixes([replace(10, 11, 'b'), replace(10, 11, 'c')], textOf)).toMatchObject({ applied: 1, skipped: 1 });
    expect(combineFixes([replace(9, 12, '"b"'), insert(10, 'x')], textOf)).toMatchObject({ applied: 1, skipped: 1 });
    expect(combineFixes([insert(xBody, '  a = 1\n'), insert(xBody, '  a = 1\n')], textOf)).toMatchObject({ applied: 1, skipped: 1 });
  });

  it('keeps different insertions at one place, in the order of the fixes', () => {
    const combined = combineFixes([insert(xBody, '  a = 1\n'), insert(xBody, '  b = 2\n')], textOf);
    expect(combined).toMatchObject({ applied: 2, skipped: 0 });
    expect(combined.edits.map((e) => e.newText)).toEqual(['  a = 1\n', '  b = 2\n']);
  });

  it('leaves out a fix after which the file would no longer parse', () => {
    const combined = combineFixes([insert(xBody, '  a = = 1\n'), insert(yBody, '  a = 1\n')], textOf);
    expect(combined).toMatchObject({ applied: 1, skipped: 1 });
    expect(combined.edits[0]!.newText).toBe('  a = 1\n');
  });

  it('never edits a file whose text it does not know', () => {
    const elsewhere: Fix = { title: 'f', edits: [{ file: '/w/other.tf', range: rangeFromOffsets(starts, 0, 0), newText: '#' }] };
    expect(combineFixes([elsewhere], textOf)).toMatchObject({ applied: 0, skipped: 1, edits: [] });
  });
});
