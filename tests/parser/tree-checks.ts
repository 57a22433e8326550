/** Helpers for parser tests: well-formedness of a SourceFile and compact range notation. */
import type { SourceFile } from '../../server/src/engine/parse/ast.js';
import { positionAt, type Range } from '../../server/src/engine/range.js';

function isRange(v: unknown): v is Range {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { start?: { offset?: unknown }; end?: { offset?: unknown } };
  return typeof r.start?.offset === 'number' && typeof r.end?.offset === 'number';
}

/** Problems with the ranges in a parsed file: out of the text, reversed, or line/column not matching the offset. */
export function rangeProblems(file: SourceFile): string[] {
  const problems: string[] = [];
  const n = file.text.length;
  const check = (r: Range, where: string): void => {
    if (r.start.offset < 0 || r.end.offset > n || r.start.offset > r.end.offset) {
      problems.push(`${where}: bad range ${r.start.offset}-${r.end.offset} (text length ${n})`);
      return;
    }
    for (const p of [r.start, r.end]) {
      const q = positionAt(file.lineStarts, p.offset);
      if (q.line !== p.line || q.column !== p.column) problems.push(`${where}: position ${p.line}:${p.column} does not match offset ${p.offset}`);
    }
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
  return file.text.slice(r.start.offset, r.end.offset);
}
