import { basename } from 'node:path';
import type { BodyItem } from '../parse/ast.js';
import { RULES } from '../rules/registry.generated.js';

/**
 * The short label of a checklist item (SPEC §9: "what and where"): the
 * address it is about, a dash, and the problem in a few words —
 * `aws_db_instance.orders — publicly accessible`. The full sentence stays in
 * the item's `text`; the editor shows the label as the row and the sentence
 * in the tooltip, where a sentence cut after thirty characters ("The first
 * statement of aws_i…") told a reviewer nothing.
 */

/** Labels are one line of plain text; an address from the reviewed code is cut so that a row stays a row. */
const MAX_WHAT = 80;

let problems: Map<string, string> | undefined;

/** The rule's `problem` phrase; a rule the registry does not hold (a test's own rule) is named by its id. */
export function ruleProblem(ruleId: string): string {
  problems ??= new Map(RULES.map((r) => [r.meta.id, r.meta.problem]));
  return problems.get(ruleId) ?? ruleId;
}

/** What the change questions ask about, by topic (change-questions.ts), in a few words. */
const QUESTION_PROBLEM: Record<string, string> = {
  'stateful-change': 'data store modified',
  'stateful-destroyed': 'data store destroyed',
  'network-rules': 'network rules changed',
  'network-exposure': 'network exposure changed',
  'public-access-guard-removed': 'public-access guard removed',
  'iam-grant-added': 'new access grant',
  'iam-grant-changed': 'access grant changed',
  'iam-widened': 'access widened',
  'iam-changed': 'policy changed',
  'removed-without-block': 'removed',
  'module-deleted': 'module deleted',
  'module-version': 'module version changed',
  'provider-version': 'provider version changed',
  'terraform-version': 'required_version changed',
  'backend-change': 'state backend changed',
};

export function questionProblem(topic: string): string {
  return QUESTION_PROBLEM[topic] ?? topic.replace(/-/g, ' ');
}

/**
 * The Terraform name of a top-level block or attribute — what an item
 * without an address is about (a `terraform` block's backend, a variable's
 * declaration, a `.tfvars` value).
 */
export function itemWhat(item: BodyItem): string {
  if (item.kind === 'Attribute') return item.name;
  const labels = item.labels.map((l) => l.value);
  switch (item.type) {
    case 'resource':
      return labels.join('.');
    case 'data':
      return ['data', ...labels].join('.');
    case 'module':
      return `module.${labels[0] ?? ''}`;
    case 'variable':
      return `var.${labels[0] ?? ''}`;
    case 'output':
      return `output.${labels[0] ?? ''}`;
    case 'provider':
      return `provider.${labels[0] ?? ''}`;
    default:
      return [item.type, ...labels].join(' ');
  }
}

/**
 * `<what> — <problem>`, one line: `what` is the address, else the block the
 * item sits in, else the file's name (a module-level finding on line 1).
 * Several problems (an undecided place several rules could not decide) are
 * listed, with a question mark: the reviewer is to find out.
 */
export function itemLabel(what: string | undefined, file: string, problemsOf: readonly string[], undecided = false): string {
  const subject = oneLine(what && what.trim() !== '' ? what : basename(file));
  const phrase = [...new Set(problemsOf)].join(', ');
  return `${subject} — ${phrase}${undecided ? '?' : ''}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return flat.length > MAX_WHAT ? `${flat.slice(0, MAX_WHAT - 1)}…` : flat;
}
