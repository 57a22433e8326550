import type { RuleContext } from '../rules/rule.js';
import type { Severity } from '../severity.js';
import { describeStatement, type PolicyStatement, type UndecidedPolicy } from './policy-statement.js';

/** How a rule about Allow statements treats a statement's effect. */
export type EffectStatus = { applies: true } | { applies: false } | { applies: 'unknown'; reason: string };

/** Allow-rules never report Deny statements; an unknown effect makes their finding undecided. */
export function allowStatus(statement: PolicyStatement): EffectStatus {
  if (!statement.effect.known) return { applies: 'unknown', reason: `the effect is not known statically: ${statement.effect.reason}` };
  return { applies: statement.effect.value === 'Allow' };
}

/** `the first statement ("Admin") of aws_iam_policy.admin policy` */
export function statementLabel(statement: PolicyStatement): string {
  return `${describeStatement(statement)} of ${statement.policyName}`;
}

/** Reports on the statement, where it was written (the local's definition when it lives in a local). */
export function reportStatement(ctx: RuleContext<any>, statement: PolicyStatement, message: string, severity?: Severity): void {
  const { file, range, address, related } = statement.location;
  ctx.report({
    file,
    range,
    message: message.charAt(0).toUpperCase() + message.slice(1),
    ...(address ? { address } : {}),
    ...(severity ? { severity } : {}),
    ...(related.length ? { related } : {}),
  });
}

export function undecidedStatement(ctx: RuleContext<any>, statement: PolicyStatement, text: string, reason: string): void {
  const { file, range, address } = statement.location;
  ctx.undecided({ file, range, text, reason, ...(address ? { address } : {}) });
}

/** A policy that could not be read at all: one checklist item per rule that would have looked at it. */
export function undecidedPolicy(ctx: RuleContext<any>, policy: UndecidedPolicy, text: string): void {
  const { file, range, address } = policy.location;
  ctx.undecided({ file, range, text, reason: policy.reason, ...(address ? { address } : {}) });
}

/** Lists a few items for a message: `a, b, c and 4 more`. */
export function listForMessage(items: readonly string[], max = 3): string {
  const unique = [...new Set(items)];
  if (unique.length <= max) return unique.join(', ');
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}
