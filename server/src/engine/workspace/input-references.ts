import type { Block, BodyItem, Expression, SourceFile } from '../parse/ast.js';
import { childExpressions } from '../parse/expression-children.js';
import type { Module } from '../model/module.js';
import { rangeContains, type Range } from '../range.js';

/**
 * The variables (`var.<name>`) an expression depends on, in the order they
 * are written, looking through the module's locals: what a caller can
 * change about the expression's value.
 */
export function inputReferences(module: Module, exprs: readonly Expression[]): string[] {
  const names: string[] = [];
  const seenLocals = new Set<string>();
  const visit = (expr: Expression): void => {
    if (expr.kind === 'GetAttr' && expr.object.kind === 'Variable') {
      if (expr.object.name === 'var') {
        if (!names.includes(expr.name)) names.push(expr.name);
        return;
      }
      if (expr.object.name === 'local') {
        const local = module.locals.get(expr.name);
        if (local && !seenLocals.has(expr.name)) {
          seenLocals.add(expr.name);
          visit(local.attribute.expr);
        }
        return;
      }
    }
    for (const child of childExpressions(expr)) visit(child);
  };
  for (const expr of exprs) visit(expr);
  return names;
}

/**
 * The expressions that decide what a finding at `range` says: the innermost
 * argument containing the range — followed by the `for_each` / `count` of
 * the enclosing blocks when it reads `each`, `count` or a dynamic block's
 * iterator — else every argument of the innermost block containing it (a
 * finding on a block header is about the whole block, including its
 * `count` / `for_each`).
 */
export function expressionsAt(file: SourceFile, range: Range): Expression[] {
  let body: readonly BodyItem[] = file.body;
  const enclosing: Block[] = [];
  for (;;) {
    const item = body.find((i) => rangeContains(i.range, range));
    if (!item) break;
    if (item.kind === 'Attribute') return [item.expr, ...iterationExpressions(item.expr, enclosing)];
    enclosing.push(item);
    body = item.body;
  }
  const block = enclosing.at(-1);
  return block ? blockExpressions(block) : [];
}

/** The `for_each` / `count` of enclosing blocks whose iteration variable the expression reads. */
function iterationExpressions(expr: Expression, enclosing: readonly Block[]): Expression[] {
  const roots = new Set<string>();
  const visit = (e: Expression): void => {
    if (e.kind === 'Variable') roots.add(e.name);
    for (const child of childExpressions(e)) visit(child);
  };
  visit(expr);
  const out: Expression[] = [];
  for (const block of [...enclosing].reverse()) {
    const iterator = block.type === 'dynamic' ? (block.labels[0]?.value ?? '') : undefined;
    const reads = iterator !== undefined ? roots.has(iterator) || roots.has('each') : roots.has('each') || roots.has('count');
    if (!reads) continue;
    for (const item of block.body) {
      if (item.kind === 'Attribute' && (item.name === 'for_each' || item.name === 'count')) out.push(item.expr);
    }
  }
  return out;
}

function blockExpressions(block: Block): Expression[] {
  const out: Expression[] = [];
  for (const item of block.body) {
    if (item.kind === 'Attribute') out.push(item.expr);
    else out.push(...blockExpressions(item));
  }
  return out;
}
