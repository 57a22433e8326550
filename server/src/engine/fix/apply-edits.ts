import type { TextEdit } from '../finding.js';

/** Applies non-overlapping edits (by offset) to a text; later edits first, so offsets stay valid. */
export function applyEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset || b.range.end.offset - a.range.end.offset);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.range.end.offset > limit) throw new Error('overlapping edits');
    out = out.slice(0, edit.range.start.offset) + edit.newText + out.slice(edit.range.end.offset);
    limit = edit.range.start.offset;
  }
  return out;
}
