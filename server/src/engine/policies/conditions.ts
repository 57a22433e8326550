import type { SourceFile } from '../parse/ast.js';
import type { Range } from '../range.js';
import type { Module } from '../model/module.js';
import type { Value } from '../evaluate/value.js';
import type { Expression } from '../parse/ast.js';
import type { ExistenceContext } from '../evaluate/existence.js';
import { headerRange } from '../rules/rule.js';
import { reach, type BlockAt } from './path-values.js';
import { displayValue, expectation, meets } from './operators.js';
import { referringBlocks } from './references.js';
import type { Condition, ReferencedByCondition, TestCondition } from './policy.js';

/**
 * How a condition came out on one instance of a block. `fail` and `pass`
 * say where (the argument that decided, else the block's header);
 * `unknown` carries the reason (certainty principle: an undecided item,
 * never a finding).
 */
export type Outcome =
  | { kind: 'pass'; file: SourceFile; range: Range; why: string; value?: Value }
  | { kind: 'fail'; file: SourceFile; range: Range; why: string; value?: Value }
  | { kind: 'unknown'; reason: string; file?: SourceFile; range?: Range };

export interface ConditionContext extends ExistenceContext {
  module: Module;
}

/** The block a condition is evaluated on, with its address and its resource type and name (for `referencedBy`). */
export interface Subject extends BlockAt {
  address: string;
  type: string;
  name: string;
}

export function evaluateCondition(ctx: ConditionContext, condition: Condition, subject: Subject): Outcome {
  switch (condition.kind) {
    case 'test':
      return evaluateTest(ctx, condition, subject);
    case 'all': {
      let unknown: Outcome | undefined;
      let last: Outcome | undefined;
      for (const c of condition.conditions) {
        const o = evaluateCondition(ctx, c, subject);
        if (o.kind === 'fail') return o;
        if (o.kind === 'unknown') unknown ??= o;
        else last = o;
      }
      return unknown ?? last!;
    }
    case 'any': {
      let unknown: Outcome | undefined;
      const fails: Array<Extract<Outcome, { kind: 'fail' }>> = [];
      for (const c of condition.conditions) {
        const o = evaluateCondition(ctx, c, subject);
        if (o.kind === 'pass') return o;
        if (o.kind === 'unknown') unknown ??= o;
        else fails.push(o);
      }
      return unknown ?? { ...fails[0]!, why: fails.map((f) => f.why).join('; nor ') };
    }
    case 'not': {
      const o = evaluateCondition(ctx, condition.condition, subject);
      if (o.kind === 'unknown') return o;
      return { ...o, kind: o.kind === 'pass' ? 'fail' : 'pass', why: o.why };
    }
    case 'referencedBy':
      return evaluateReferencedBy(ctx, condition, subject);
  }
}

function evaluateTest(ctx: ConditionContext, { path, operator }: TestCondition, subject: Subject): Outcome {
  const all = reach(ctx, subject, path);
  // `x = null` is not set, as Terraform reads it; a finding that it is not set goes on it.
  const nulls = all.filter((r) => r.kind === 'value' && r.value.kind === 'null');
  const reached = nulls.length ? all.filter((r) => !nulls.includes(r)) : all;
  const header = { file: subject.file, range: nulls[0]?.range ?? headerRange(subject.block) };
  // An argument that refers to a resource's attribute (`aws_kms_key.data.arn`) is set: known only after apply, never null.
  const set = reached.filter((r) => r.kind === 'block' || r.value.kind !== 'unknown' || (r.expr !== undefined && refersToResource(ctx.module, r.expr)));
  const unknown = reached.find((r) => r.kind === 'value' && r.value.kind === 'unknown' && !set.includes(r));
  const unknownOutcome = (): Outcome => ({
    kind: 'unknown',
    reason: unknown?.kind === 'value' && unknown.value.kind === 'unknown' ? unknown.value.reason : `${path.text} is not known statically`,
    file: subject.file,
    range: unknown?.range ?? header.range,
  });
  const describe = (r: (typeof reached)[number]) =>
    r.kind === 'block' ? `${path.text} is set (a block)` : r.value.kind === 'unknown' ? `${path.text} is set` : `${path.text} is ${displayValue(r.value)}`;
  if (operator.name === 'present' || operator.name === 'absent') {
    const first = set[0];
    if (first) {
      const o = { file: subject.file, range: first.range, why: describe(first), ...(first.kind === 'value' ? { value: first.value } : {}) };
      return { kind: operator.name === 'present' ? 'pass' : 'fail', ...o };
    }
    if (unknown) return unknownOutcome();
    return { kind: operator.name === 'present' ? 'fail' : 'pass', ...header, why: `${path.text} is ${nulls.length ? 'null' : 'not set'}` };
  }
  if (reached.length === 0) {
    // Nothing to contain anything: an absent list contains no forbidden value; every other test needs a value.
    return { kind: operator.name === 'notContains' ? 'pass' : 'fail', ...header, why: `${path.text} is ${nulls.length ? 'null' : 'not set'}` };
  }
  let undecided: Outcome | undefined;
  let passed: Outcome | undefined;
  for (const r of reached) {
    if (r.kind === 'block') {
      undecided ??= { kind: 'unknown', reason: `${path.text} is a nested block, not a value: the policy should test one of its arguments`, file: subject.file, range: r.range };
      continue;
    }
    const answer = meets(operator, r.value);
    if (answer === false) return { kind: 'fail', file: subject.file, range: r.range, why: `${describe(r)}, ${expectation(operator)}`, value: r.value };
    if (answer === undefined) {
      const reason = r.value.kind === 'unknown' ? r.value.reason : `part of ${path.text} is not known statically`;
      undecided ??= { kind: 'unknown', reason, file: subject.file, range: r.range };
    }
    else passed ??= { kind: 'pass', file: subject.file, range: r.range, why: describe(r), value: r.value };
  }
  return undecided ?? passed!;
}

/** Whether an expression is a reference into a managed resource or a data source of the module (`aws_kms_key.data.arn`, `data.x.y.id`). */
function refersToResource(module: Module, expr: Expression): boolean {
  let e: Expression = expr;
  let name: string | undefined;
  while (e.kind === 'GetAttr' || e.kind === 'Index' || e.kind === 'Splat') {
    name = e.kind === 'GetAttr' ? e.name : undefined;
    e = e.object;
  }
  if (e.kind !== 'Variable') return false;
  if (e.name === 'data') return expr.kind === 'GetAttr' || expr.kind === 'Index' || expr.kind === 'Splat';
  // The block it names, by address (not `module.resources`): a verdict that depends on the blocks a block reads
  // by name, and on no other, is one the editor's incremental review can keep (incremental/changed-items.ts).
  const ref = name === undefined ? undefined : module.byAddress.get(`${e.name}.${name}`);
  return ref !== undefined && 'mode' in ref && ref.mode === 'managed';
}

function evaluateReferencedBy(ctx: ConditionContext, condition: ReferencedByCondition, subject: Subject): Outcome {
  const { referring, unknownReason } = referringBlocks(ctx, condition, subject);
  let failed: Extract<Outcome, { kind: 'fail' }> | undefined;
  let undecided: Outcome | undefined = unknownReason !== undefined ? { kind: 'unknown', reason: unknownReason, file: subject.file, range: headerRange(subject.block) } : undefined;
  for (const other of referring) {
    if (!condition.require) return { kind: 'pass', file: other.file, range: headerRange(other.block), why: `${other.address} refers to it` };
    const o = evaluateCondition(ctx, condition.require, other);
    if (o.kind === 'pass') return { ...o, why: `${other.address} refers to it and ${o.why}` };
    if (o.kind === 'unknown') undecided ??= o;
    else failed ??= { ...o, why: `${other.address} refers to it but ${o.why}` };
  }
  if (undecided) return undecided;
  if (failed) return failed;
  return { kind: 'fail', file: subject.file, range: headerRange(subject.block), why: `no ${condition.type} refers to it through ${condition.path.text}` };
}
