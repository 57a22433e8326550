import { basename } from 'node:path';
import type { BodyItem } from '../parse/ast.js';
import { RULES } from '../rules/registry.generated.js';
import { inertText } from '../inert-text.js';

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

/** What the change questions ask about, by topic (change-questions.ts, plan-questions.ts), in a few words. */
export const QUESTION_PROBLEM: Readonly<Record<string, string>> = {
  'stateful-change': 'data store changed',
  'stateful-destroyed': 'data destroyed',
  'network-rules': 'rules changed',
  'network-exposure': 'exposure changed',
  'public-access-guard-removed': 'guard removed',
  'iam-grant-added': 'new access grant',
  'iam-grant-changed': 'grant changed',
  'iam-widened': 'access widened',
  'iam-changed': 'policy changed',
  'removed-without-block': 'removed',
  'module-deleted': 'module deleted',
  'module-version': 'version changed',
  'provider-version': 'version changed',
  'terraform-version': 'version changed',
  'backend-change': 'backend changed',
  'plan-replaces-stateful': 'data replaced',
  'plan-destroys-stateful': 'data destroyed',
  'plan-replace': 'replaced',
  'plan-delete': 'destroyed',
  'plan-drift': 'changed outside',
  'engine-version': 'version changed',
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

/** How an item is named in a row: what it is about, the problem, and both as one label. */
export interface ItemNaming {
  /** The address, else the block the item sits in, else the file's name (a module-level finding on line 1). */
  what: string;
  /** The problem in a few words; an undecided item's ends with a question mark (the reviewer is to find out). */
  problem: string;
  /** `<what> — <problem>`. */
  label: string;
}

/**
 * Names an item. An undecided place that several rules could not decide
 * names the first rule's problem and how many more, `wildcard actions (+2)?`
 * (the tooltip and `ruleIds` name them all): a row must stay short enough to
 * read in a sidebar. Problems are at most 19 characters (rule metadata and
 * the phrases above): with a file name and line, that is what a sidebar of
 * the default width shows uncut.
 */
export function itemNaming(what: string | undefined, file: string, problemsOf: readonly string[], undecided = false): ItemNaming {
  const subject = oneLine(what && what.trim() !== '' ? what : basename(file));
  const distinct = [...new Set(problemsOf)];
  const more = distinct.length > 1 ? ` (+${distinct.length - 1})` : '';
  const problem = `${distinct[0] ?? ''}${more}${undecided ? '?' : ''}`;
  return { what: subject, problem, label: `${subject} — ${problem}` };
}

/** Inert (inertText: controls and bidirectional overrides written as escapes, so a name cannot reorder a row) and cut short. */
function oneLine(text: string): string {
  const flat = inertText(text);
  return flat.length > MAX_WHAT ? `${flat.slice(0, MAX_WHAT - 1)}…` : flat;
}
