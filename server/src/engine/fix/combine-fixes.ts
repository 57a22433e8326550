import type { Fix, TextEdit } from '../finding.js';
import { parseSource } from '../parse/parse-file.js';
import { applyEdits } from './apply-edits.js';
import { comparePositions, type Position } from '../range.js';

export interface CombinedFixes {
  /** The edits of every fix taken, in no particular order (they do not overlap). */
  edits: TextEdit[];
  /** How many fixes were taken. */
  applied: number;
  /** Fixes left out: an edit overlapping one already taken, or a result that no longer parses as well. */
  skipped: number;
}

/**
 * Several fixes as one edit ("Fix all … in this file"): fixes are taken in
 * order; one whose edits overlap (or touch) an edit already taken is left
 * out whole, and so is one after which a file it edits has more syntax
 * errors than before (SPEC §9: a fix leaves the file parseable). `textOf`
 * gives the text the fixes were computed on; a file it does not know is
 * never edited.
 */
export function combineFixes(fixes: readonly Fix[], textOf: (file: string) => string | undefined): CombinedFixes {
  const taken = new Map<string, TextEdit[]>();
  const baseline = new Map<string, number>();
  const errorsIn = (file: string, text: string) => parseSource(file, text).errors.length;
  let applied = 0;
  let skipped = 0;
  for (const fix of fixes) {
    if (!fix.edits.length || !fix.edits.every((e) => textOf(e.file) !== undefined) || overlapsTaken(fix.edits, taken)) {
      skipped++;
      continue;
    }
    const trial = new Map(taken);
    for (const e of fix.edits) trial.set(e.file, [...(trial.get(e.file) ?? []), e]);
    const files = new Set(fix.edits.map((e) => e.file));
    const parses = [...files].every((file) => {
      const text = textOf(file)!;
      if (!baseline.has(file)) baseline.set(file, errorsIn(file, text));
      try {
        return errorsIn(file, applyEdits(text, trial.get(file)!)) <= baseline.get(file)!;
      } catch {
        return false; // edits that cannot be applied together
      }
    });
    if (!parses) {
      skipped++;
      continue;
    }
    for (const [file, edits] of trial) taken.set(file, edits);
    applied++;
  }
  return { edits: [...taken.values()].flat(), applied, skipped };
}

/**
 * Against the edits of other fixes (a fix's own edits are made to fit
 * together): two replacements that share text, or an insertion inside a
 * replaced span, overlap; so does the same insertion twice (two findings
 * whose fixes write the same line). Different insertions at one place are
 * kept, in the order of the fixes, as LSP clients apply them.
 */
function overlapsTaken(edits: readonly TextEdit[], taken: ReadonlyMap<string, TextEdit[]>): boolean {
  const overlap = (a: TextEdit, b: TextEdit) => {
    const { start: as, end: ae } = a.range;
    const { start: bs, end: be } = b.range;
    const before = (x: Position, y: Position) => comparePositions(x, y) < 0;
    const aEmpty = comparePositions(as, ae) === 0;
    const bEmpty = comparePositions(bs, be) === 0;
    if (aEmpty && bEmpty) return comparePositions(as, bs) === 0 && a.newText === b.newText;
    if (aEmpty) return before(bs, as) && before(as, be);
    if (bEmpty) return before(as, bs) && before(bs, ae);
    return before(as, be) && before(bs, ae);
  };
  return edits.some((e) => (taken.get(e.file) ?? []).some((t) => overlap(e, t)));
}
