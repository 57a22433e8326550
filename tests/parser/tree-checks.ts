/** Helpers for parser tests: well-formedness of a SourceFile and compact range notation. */
import type { SourceFile } from '../../server/src/engine/parse/ast.js';
import { offsetAt, positionAt, rangeText, type Range } from '../../server/src/engine/range.js';

function isRange(v: unknown): v is Range {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { start?: { line?: unknown; column?: unknown }; end?: { line?: unknown; column?: unknown } };
  return typeof r.start?.line === 'number' && typeof r.start.column === 'number' && typeof r.end?.line === 'number' && typeof r.end.column === 'number';
}

/** Problems with the ranges in a parsed file: out of the text, reversed, or a line/column that is not a place in the text. */
export function rangeProblems(file: SourceFile): string[] {
  const problems: string[] = [];
  const n = file.text.length;
  const check = (r: Range, where: string): void => {
    for (const p of [r.start, r.end]) {
      if (!(p.line >= 1 && p.line <= file.lineStarts.length && p.column >= 1)) {
        problems.push(`${where}: position ${p.line}:${p.column} is not in the text (${file.lineStarts.length} lines)`);
        return;
      }
      const offset = offsetAt(file.lineStarts, p);
      const q = positionAt(file.lineStarts, offset);
      if (offset > n || q.line !== p.line || q.column !== p.column) problems.push(`${where}: position ${p.line}:${p.column} is past the end of its line`);
    }
    if (offsetAt(file.lineStarts, r.start) > offsetAt(file.lineStarts, r.end)) problems.push(`${where}: reversed range ${at(r)}`);
  };
  const walk = (v: unknown, where: string): void => {
    if (problems.length > 20) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${where}[${i}]`));
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (isRange(v)) {
      check(v, where);
      return;
    }
    for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
  };
  walk(file.body, 'body');
  walk(file.comments, 'comments');
  walk(file.errors, 'errors');
  return problems;
}

/** `line:col-line:col` for compact assertions. */
export function at(r: Range): string {
  return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
}

/** The source text a range covers. */
export function textOf(file: SourceFile, r: Range): string {
  return rangeText(file, r);
}
