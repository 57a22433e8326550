import type { Expression } from '../parse/ast.js';
import { childExpressions } from '../parse/expression-children.js';
import type { Module, ResourceRef } from '../model/module.js';
import { instances } from '../evaluate/existence.js';
import { findAttribute, findBlocks } from '../rules/rule.js';
import type { ConditionContext, Subject } from './conditions.js';
import type { ReferencedByCondition } from './policy.js';

/**
 * The blocks of `condition.type` whose argument at `condition.path` refers to
 * the subject (one entry per instance of each), and why some could not be
 * decided. An argument refers to the subject when its expression names it
 * (`aws_s3_bucket.logs.id`, through locals too), or when its known value is
 * a literal equal to one of the subject's own known string arguments (a
 * bucket named by its name). An argument whose value is not known and that
 * names no block of the subject's type may refer to it: that is undecided.
 */
export function referringBlocks(ctx: ConditionContext, condition: ReferencedByCondition, subject: Subject): { referring: Subject[]; unknownReason?: string } {
  const referring: Subject[] = [];
  let unknownReason: string | undefined;
  for (const resource of ctx.module.resources) {
    if (resource.mode !== 'managed' || resource.type !== condition.type) continue;
    const expr = argumentExpression(resource, condition.path.segments.map((s) => s.name));
    if (!expr) continue;
    const named = namedBlocks(ctx.module, expr, subject.type);
    for (const instance of instances(ctx, resource.block, resource.file)) {
      const other: Subject = { block: resource.block, file: resource.file, instance, address: resource.address, type: resource.type, name: resource.name };
      if (named.has(subject.name)) {
        referring.push(other);
        continue;
      }
      // Names another block of the subject's type: refers to that one.
      if (named.size > 0) continue;
      const value = ctx.evaluate(expr, resource.file, instance.scope);
      if (value.kind === 'unknown') {
        unknownReason ??= `whether ${resource.address} refers to ${subject.address} is not known statically (${value.reason})`;
        continue;
      }
      if (value.kind === 'string' && subjectStrings(ctx, subject).has(value.value)) referring.push(other);
    }
  }
  return unknownReason === undefined ? { referring } : { referring, unknownReason };
}

/** The expression of the argument at a path of names: nested blocks, then the argument. */
function argumentExpression(resource: ResourceRef, names: readonly string[]): Expression | undefined {
  let blocks = [resource.block];
  for (const name of names.slice(0, -1)) blocks = blocks.flatMap((b) => findBlocks(b, name));
  for (const block of blocks) {
    const attribute = findAttribute(block, names[names.length - 1]!);
    if (attribute) return attribute.expr;
  }
  return undefined;
}

/** Per expression and block type, the names it refers to: every block a policy selects asks the same question of the same arguments. */
const namedCache = new WeakMap<Expression, Map<string, Set<string>>>();

/** The names of the `<type>.<name>` blocks an expression refers to, looking through the module's locals. */
function namedBlocks(module: Module, expr: Expression, type: string): Set<string> {
  let byType = namedCache.get(expr);
  if (!byType) namedCache.set(expr, (byType = new Map()));
  let names = byType.get(type);
  if (!names) byType.set(type, (names = findNamedBlocks(module, expr, type)));
  return names;
}

function findNamedBlocks(module: Module, expr: Expression, type: string): Set<string> {
  const names = new Set<string>();
  const seenLocals = new Set<string>();
  const visit = (e: Expression): void => {
    if (e.kind === 'GetAttr' && e.object.kind === 'Variable') {
      if (e.object.name === type) {
        names.add(e.name);
        return;
      }
      if (e.object.name === 'local' && !seenLocals.has(e.name)) {
        seenLocals.add(e.name);
        const local = module.locals.get(e.name);
        if (local) visit(local.attribute.expr);
        return;
      }
    }
    for (const child of childExpressions(e)) visit(child);
  };
  visit(expr);
  return names;
}

/** The subject's arguments whose values are known strings: what a literal reference could name. */
function subjectStrings(ctx: ConditionContext, subject: Subject): Set<string> {
  const out = new Set<string>();
  for (const item of subject.block.body) {
    if (item.kind !== 'Attribute') continue;
    const value = ctx.evaluate(item.expr, subject.file, subject.instance.scope);
    if (value.kind === 'string' && value.value !== '') out.add(value.value);
  }
  return out;
}
