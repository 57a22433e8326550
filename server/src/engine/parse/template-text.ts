import type { Expression, SourceFile } from './ast.js';
import { parseSource } from './parse-file.js';

/**
 * Parses a whole file as an HCL template (what templatefile() reads), by
 * wrapping it in a heredoc whose marker does not occur in the text.
 * Returns undefined when the template has a syntax error.
 */
export function parseTemplateText(path: string, text: string): { expr: Expression; file: SourceFile } | undefined {
  let marker = 'IAC_REVIEW_TEMPLATE';
  while (text.includes(marker)) marker += '_';
  const body = text.endsWith('\n') ? text : text + '\n';
  const file = parseSource(path + '.template.tf', `t = <<${marker}\n${body}${marker}\n`);
  const attr = file.body[0];
  if (file.errors.length > 0 || !attr || attr.kind !== 'Attribute') return undefined;
  let expr = attr.expr;
  // The heredoc adds the final newline that a file without one lacks.
  if (!text.endsWith('\n') && expr.kind === 'Template') {
    const parts = [...expr.parts];
    const last = parts[parts.length - 1];
    if (last?.kind === 'TemplateLiteral' && last.value.endsWith('\n')) {
      parts[parts.length - 1] = { ...last, value: last.value.slice(0, -1) };
      expr = { ...expr, parts };
    }
  }
  return { expr, file };
}
