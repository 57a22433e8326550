import type { TextEdit } from '../finding.js';
import { comparePositions, computeLineStarts, offsetAt } from '../range.js';

/** Applies non-overlapping edits (positions in `text`) to a text; later edits first, so earlier positions stay valid. */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string {
  const sorted = [...edits].sort((a, b) => comparePositions(b.range.start, a.range.start) || comparePositions(b.range.end, a.range.end));
  const starts = computeLineStarts(text);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    const start = offsetAt(starts, edit.range.start);
    const end = offsetAt(starts, edit.range.end);
    if (end > limit) throw new Error('overlapping edits');
    out = out.slice(0, start) + edit.newText + out.slice(end);
    limit = start;
  }
  return out;
}
