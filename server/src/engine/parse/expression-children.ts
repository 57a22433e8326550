import type { Expression, TemplatePart } from './ast.js';

/** The expressions directly inside an expression (template parts included), for walks that need every sub-expression. */
export function childExpressions(expr: Expression): Expression[] {
  switch (expr.kind) {
    case 'Literal':
    case 'Variable':
    case 'Invalid':
      return [];
    case 'Template':
      return templateExpressions(expr.parts);
    case 'Tuple':
      return expr.items;
    case 'Object':
      return expr.items.flatMap((item) => (item.keyIsIdentifier ? [item.value] : [item.key, item.value]));
    case 'GetAttr':
      return [expr.object];
    case 'Index':
      return [expr.object, expr.index];
    case 'Splat':
      return [expr.object, expr.each];
    case 'Call':
      return expr.args;
    case 'Conditional':
      return [expr.cond, expr.then, expr.else];
    case 'Binary':
      return [expr.left, expr.right];
    case 'Unary':
      return [expr.operand];
    case 'For':
      return [expr.collection, ...(expr.keyExpr ? [expr.keyExpr] : []), expr.valueExpr, ...(expr.cond ? [expr.cond] : [])];
    case 'Paren':
      return [expr.expr];
  }
}

function templateExpressions(parts: TemplatePart[]): Expression[] {
  const out: Expression[] = [];
  for (const part of parts) {
    switch (part.kind) {
      case 'TemplateLiteral':
        break;
      case 'TemplateInterpolation':
        out.push(part.expr);
        break;
      case 'TemplateIf':
        out.push(part.cond, ...templateExpressions(part.then), ...templateExpressions(part.else ?? []));
        break;
      case 'TemplateFor':
        out.push(part.collection, ...templateExpressions(part.body));
        break;
    }
  }
  return out;
}
