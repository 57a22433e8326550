import type { Expression, SourceFile } from '../parse/ast.js';
import type { Fix } from '../finding.js';

/** True when the expression is a plain quoted string with no interpolation (safe to rewrite in place). */
export function isPlainString(expr: Expression): boolean {
  return expr.kind === 'Template' && !expr.heredoc && expr.parts.every((p) => p.kind === 'TemplateLiteral');
}

/** A fix that replaces a plain string expression with another string; undefined when the expression is not one. */
export function replaceStringFix(title: string, file: SourceFile, expr: Expression, value: string): Fix | undefined {
  if (!isPlainString(expr)) return undefined;
  return { title, edits: [{ file: file.path, range: expr.range, newText: JSON.stringify(value) }] };
}
