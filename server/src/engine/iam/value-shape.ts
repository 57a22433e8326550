import type { Expression, SourceFile } from '../parse/ast.js';
import type { LocalRef, Module } from '../model/module.js';
import type { RuleContext } from '../rules/rule.js';
import { asString, object, tuple, type Value } from '../evaluate/value.js';
import { UNKNOWN_PART, type ShapedUnknown } from './policy-statement.js';

/** What reading policies needs: the module and an evaluator (a rule context, or a hover's). */
export type EvaluationContext = Pick<RuleContext<unknown>, 'module' | 'evaluate'> & Partial<Pick<RuleContext<unknown>, 'instance' | 'memo'>>;

/** Roots of traversals that are not resources. */
const NON_RESOURCE_ROOTS = new Set(['var', 'local', 'module', 'each', 'count', 'self', 'path', 'terraform']);
const MAX_DEPTH = 16;

/** Strips parentheses and `"${…}"` wrappers (a template that is one interpolation is that value). */
export function unparen(e: Expression): Expression {
  for (;;) {
    if (e.kind === 'Paren') e = e.expr;
    else if (e.kind === 'Template' && !e.heredoc && e.parts.length === 1 && e.parts[0]!.kind === 'TemplateInterpolation') e = e.parts[0]!.expr;
    else return e;
  }
}

/** The local a `local.x` expression refers to. */
export function localOf(module: Module, e: Expression): LocalRef | undefined {
  if (e.kind === 'GetAttr' && e.object.kind === 'Variable' && e.object.name === 'local') return module.locals.get(e.name);
  return undefined;
}

export function traversalRoot(e: Expression): string | undefined {
  for (;;) {
    if (e.kind === 'Variable') return e.name;
    if (e.kind === 'GetAttr' || e.kind === 'Index' || e.kind === 'Splat') e = e.object;
    else return undefined;
  }
}

/** `var.actions`, `data.aws_iam_policy.admin.arn`, `local.x[…]`; undefined for anything else. */
export function traversalText(e: Expression): string | undefined {
  if (e.kind === 'Variable') return e.name;
  if (e.kind === 'GetAttr') {
    const inner = traversalText(e.object);
    return inner === undefined ? undefined : `${inner}.${e.name}`;
  }
  if (e.kind === 'Index') {
    const inner = traversalText(e.object);
    return inner === undefined ? undefined : `${inner}[…]`;
  }
  return undefined;
}

/**
 * Evaluates; where the result is unknown, records what is known of its
 * outline (`"${aws_s3_bucket.b.arn}/*"` cannot be `*`; `"arn:${partition}:iam::aws:policy/X"`
 * names policy X), item by item for lists.
 */
export function shapedValue(ctx: EvaluationContext, expr: Expression, file: SourceFile, depth = 0): Value {
  const e = unparen(expr);
  const value = ctx.evaluate(e, file);
  if (value.kind === 'tuple' && e.kind === 'Tuple' && e.items.length === value.items.length) {
    return tuple(
      value.items.map((item, i) => (item.kind === 'unknown' ? shapedValue(ctx, e.items[i]!, file, depth + 1) : item)),
      value.origin,
    );
  }
  if (value.kind === 'object' && e.kind === 'Object' && depth <= MAX_DEPTH) {
    const entries = new Map(value.entries);
    for (const item of e.items) {
      const key = item.keyIsIdentifier && item.key.kind === 'Variable' ? item.key.name : asString(ctx.evaluate(item.key, file));
      if (key !== undefined && entries.get(key)?.kind === 'unknown') entries.set(key, shapedValue(ctx, item.value, file, depth + 1));
    }
    return object(entries, value.origin);
  }
  if (value.kind !== 'unknown' || depth > MAX_DEPTH) return value;
  if (e.kind === 'Tuple') return tuple(e.items.map((item) => shapedValue(ctx, item, file, depth + 1)), value.origin);
  const local = localOf(ctx.module, e);
  if (local) {
    const inner = shapedValue(ctx, local.attribute.expr, local.file, depth + 1);
    return inner.kind === 'unknown' ? { ...inner, reason: value.reason } : inner;
  }
  const shape = shapeOf(ctx, e, file);
  return shape === undefined ? value : ({ ...value, shape } as ShapedUnknown);
}

function shapeOf(ctx: EvaluationContext, e: Expression, file: SourceFile): string | undefined {
  if (e.kind === 'Template') {
    let shape = '';
    for (const part of e.parts) {
      if (part.kind === 'TemplateLiteral') shape += part.value;
      else if (part.kind === 'TemplateInterpolation') {
        const v = ctx.evaluate(part.expr, file);
        shape += v.kind === 'unknown' ? UNKNOWN_PART : (asString(v) ?? UNKNOWN_PART);
      } else shape += UNKNOWN_PART;
    }
    return shape;
  }
  // format("arn:%s:iam::%s:root", partition, account): the format string is the outline.
  if (e.kind === 'Call' && e.name === 'format' && e.args.length > 0) {
    const spec = ctx.evaluate(e.args[0]!, file);
    if (spec.kind !== 'string') return undefined;
    let arg = 1;
    return spec.value.replace(/%(%|[-+# 0]*\d*(?:\.\d+)?[a-z])/g, (verb) => {
      if (verb === '%%') return '%';
      const value = e.args[arg] ? ctx.evaluate(e.args[arg]!, file) : undefined;
      arg++;
      return (value && asString(value)) ?? UNKNOWN_PART;
    });
  }
  // The ARN of a resource is never `*`.
  if (e.kind === 'GetAttr' && (e.name === 'arn' || e.name.endsWith('_arn'))) {
    const root = traversalRoot(e);
    if (root && !NON_RESOURCE_ROOTS.has(root)) return `arn:${UNKNOWN_PART}`;
  }
  return undefined;
}
