import type { BodyItem, Expression, SourceFile } from '../parse/ast.js';
import type { Finding, Fix } from '../finding.js';
import { suppressionCommentText } from '../suppress/directive.js';
import { indentOf, spliceLines } from './line-splice.js';

/** The reason a "Suppress with reason…" fix writes: a placeholder that does not count as a reason until replaced. */
export const REASON_PLACEHOLDER = 'TODO: say why this is acceptable and who approved it';

/**
 * "Suppress with reason…": a `# iac-review:ignore <rule> -- <reason>` comment
 * above the line the finding starts on — or above the whole attribute when
 * that line is inside a heredoc, where a comment would become text.
 */
export function suppressionFix(file: SourceFile, finding: Pick<Finding, 'ruleId' | 'range'>, reason = REASON_PLACEHOLDER): Fix {
  let line = finding.range.start.line;
  const attribute = innermostAttribute(file.body, line);
  if (attribute && heredocCovers(attribute.expr, line)) line = attribute.range.start.line;
  const comment = indentOf(file, line) + suppressionCommentText([finding.ruleId], reason);
  return { title: `Suppress ${finding.ruleId} with reason…`, edits: [spliceLines(file, line - 1, 0, [comment])] };
}

function innermostAttribute(body: BodyItem[], line: number): Extract<BodyItem, { kind: 'Attribute' }> | undefined {
  for (const item of body) {
    if (item.range.start.line > line || item.range.end.line < line) continue;
    if (item.kind === 'Attribute') return item;
    return innermostAttribute(item.body, line);
  }
  return undefined;
}

/** True when the line is inside the text of a heredoc (or multi-line template) within the expression. */
function heredocCovers(expr: Expression, line: number): boolean {
  if (expr.range.start.line > line || expr.range.end.line < line) return false;
  if (expr.kind === 'Template') return expr.range.start.line < line;
  switch (expr.kind) {
    case 'Tuple':
      return expr.items.some((e) => heredocCovers(e, line));
    case 'Object':
      return expr.items.some((i) => heredocCovers(i.key, line) || heredocCovers(i.value, line));
    case 'Call':
      return expr.args.some((e) => heredocCovers(e, line));
    case 'Paren':
      return heredocCovers(expr.expr, line);
    case 'Conditional':
      return heredocCovers(expr.then, line) || heredocCovers(expr.else, line) || heredocCovers(expr.cond, line);
    case 'Binary':
      return heredocCovers(expr.left, line) || heredocCovers(expr.right, line);
    default:
      return false;
  }
}
