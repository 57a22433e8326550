import { dirname, relative, resolve, sep } from 'node:path';
import type { AnalysisResult } from '../analyze.js';
import type { ChangeReview } from '../change/review-change.js';
import type { Finding, UndecidedItem } from '../finding.js';
import type { Module } from '../model/module.js';
import { changeQuestions, type ChangeQuestion } from './change-questions.js';
import { ChangeScope } from './change-scope.js';
import { itemId, SubjectIndex, type ItemIdentity } from './item-id.js';
import { sectionOrder, sectionTitle } from './sections.js';
import { groupBy } from '../group-by.js';
import { groupReason, groupText, groupUndecidedByPlace, rulesOf } from './undecided-places.js';
import { itemNaming, questionProblem, ruleProblem } from './item-label.js';
import type { Plan } from '../plan/plan-model.js';
import { blockAddress } from './plan-values.js';
import { planCounts, type PlanSummary } from './plan-summary.js';
import { planQuestions } from './plan-questions.js';
import { policyRule } from '../policies/policy-rule.js';

/** `iac-review checklist --format json` (SPEC §7), version 1. */
export interface Checklist {
  version: 1;
  /** The git ref the change was compared with; null when the whole workspace was reviewed (no `--base`). */
  base: string | null;
  /** With `--plan`: the plan's counts per action and what of it could not be used (SPEC §10). */
  plan?: PlanSummary;
  sections: ChecklistSection[];
}

export interface ChecklistSection {
  /** A rule category (the part of a rule id before `/`), or `change` for the change as a whole. */
  category: string;
  title: string;
  items: ChecklistItem[];
}

export type ChecklistItemKind = 'finding' | 'undecided' | 'question';

export interface ChecklistItem {
  /** Stable while the code the item is about does not change (see item-id.ts). */
  id: string;
  kind: ChecklistItemKind;
  /** Short, one line of plain text: `what` and `problem` (`aws_db_instance.orders — publicly accessible`). */
  label: string;
  /** What the item is about: its address, else the block it sits in, else its file's name (plain text). */
  what: string;
  /** The problem in a few words (a rule's `problem`, what a change does to a block); undecided items end with `?`. */
  problem: string;
  /** The full sentence (inline Markdown: code in backticks). */
  text: string;
  ruleId?: string;
  /**
   * Undecided items about one place (a policy statement, a block) that several
   * rules could not decide: every rule concerned, `ruleId` first. Absent when
   * one rule is concerned.
   */
  ruleIds?: string[];
  /** Undecided items: why the review could not decide. */
  reason?: string;
  /** Relative to the working directory, `/` separators. */
  file: string;
  /** 1-based. */
  line: number;
  /** Diff mode, findings and undecided items: whether the change introduced it (false: it was there, in a block the change modified). */
  introduced?: boolean;
  /** Set when `file` and `line` are at the base of the change: the block the item is about was removed. */
  removed?: true;
}

export type ChecklistInput = ({ cwd: string; analysis: AnalysisResult } | { cwd: string; change: ChangeReview }) & {
  /** `--plan`: the change questions come from the plan's before/after (SPEC §10). */
  plan?: Plan;
};

/**
 * Diff-mode questions a plan answers with real values: with a plan, they are
 * asked from it (plan-questions.ts) for the modules it reaches, not twice.
 * The others — renames without `moved`, backends, module and provider
 * versions, deleted module directories — are about the code, and stay.
 */
const PLAN_ANSWERS_TOPICS = new Set(['stateful-change', 'stateful-destroyed', 'iam-widened', 'iam-changed', 'iam-grant-added', 'iam-grant-changed', 'network-rules', 'network-exposure', 'public-access-guard-removed']);

/**
 * Builds the review checklist: one section per category holding the active
 * (unsuppressed) findings, the undecided items (certainty principle) and,
 * in diff mode, the questions the change itself raises.
 *
 * Which findings, in diff mode: those the change introduced (`introduced:
 * true`), and the existing ones inside blocks the change modified
 * (`introduced: false`) — a lead reviewing an edit to a block wants to know
 * what was already wrong with it, and nothing about blocks the change did not
 * touch. Undecided items follow the same rule. Without a base there is no
 * change to ask about: findings and undecided items only — unless a plan is
 * given, whose before/after is the change (SPEC §10): its questions come
 * first in their sections' questions when they concern stateful data.
 */
export function buildChecklist(input: ChecklistInput): Checklist {
  const change = 'change' in input ? input.change : undefined;
  const analysis = 'change' in input ? input.change.head : input.analysis;
  const display = (abs: string) => relative(input.cwd, abs).split(sep).join('/') || '.';
  const modules: Module[] = analysis.analyses.map((a) => a.module);
  const subjects = new SubjectIndex(modules);
  const scope = change ? new ChangeScope(change) : undefined;
  // The configuration's policies label their rows with their own `problem` (SPEC §11), as rules do.
  const policyProblems = new Map((analysis.config?.policies ?? []).map((p) => [p.id, policyRule(p).meta.problem]));
  const problemOf = (ruleId: string) => policyProblems.get(ruleId) ?? ruleProblem(ruleId);

  const drafts: Draft[] = [];
  for (const f of analysis.findings) {
    if (f.suppression) continue;
    const introduced = scope?.classifyFinding(f);
    if (scope && introduced === undefined) continue;
    drafts.push(fromFinding(f, display, subjects, introduced, problemOf));
  }
  const undecided: UndecidedItem[] = [];
  const introducedUndecided = new Set<UndecidedItem>();
  for (const u of analysis.undecided) {
    const introduced = scope?.classify(u.file, u.range);
    if (scope && introduced === undefined) continue;
    undecided.push(u);
    if (introduced) introducedUndecided.add(u);
  }
  for (const group of groupUndecidedByPlace(undecided)) {
    const introduced = scope ? group.some((u) => introducedUndecided.has(u)) : undefined;
    drafts.push(fromUndecided(group, display, subjects, introduced, problemOf));
  }
  const plan = input.plan && planPart(input.plan, input.cwd, analysis, display);
  if (change) {
    for (const q of changeQuestions(change)) {
      if (plan && PLAN_ANSWERS_TOPICS.has(q.topic) && plan.reaches(q.file)) continue;
      drafts.push(fromQuestion(q, display, subjects));
    }
  }
  if (plan) for (const q of plan.questions) drafts.push({ ...fromQuestion(q, display, subjects), rank: q.rank });

  return { version: 1, base: change ? change.baseRef : null, ...(plan ? { plan: plan.summary } : {}), sections: sections(drafts) };
}

/**
 * The plan's questions placed in the code (`planPlace`, the plan fused with
 * the code), and which files it reaches: an address the code does not have is
 * placed at the top of the plan file, and said in the plan's notes already.
 */
function planPart(plan: Plan, cwd: string, analysis: AnalysisResult, display: (abs: string) => string) {
  const planFile = resolve(cwd, plan.file);
  const top = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  const reached = new Set<string>();
  const place = (address: string) => {
    const found = analysis.planPlace?.(address);
    if (!found) return { file: planFile, range: top };
    reached.add(dirname(found.file));
    return found;
  };
  // A finding of the plan's own rules on an instance (or its block, when the rule names blocks) answers the question.
  const ruled = new Set(analysis.findings.filter((f) => f.ruleId.startsWith('plan/') && f.address).map((f) => `${f.ruleId}\u0000${f.address}`));
  const answered = (ruleId: string, address: string) => ruled.has(`${ruleId}\u0000${address}`) || ruled.has(`${ruleId}\u0000${blockAddress(address)}`);
  const questions = planQuestions({ plan, place, answered });
  for (const r of plan.resourceChanges) place(r.address);
  const summary: PlanSummary = { file: display(planFile), counts: planCounts(plan), notes: [...(analysis.planNotes ?? plan.notes)] };
  return { questions, summary, reaches: (file: string) => reached.has(dirname(file)) };
}

/** An item before its id is final, with what the id is made of. */
interface Draft {
  category: string;
  item: ChecklistItem;
  identity: ItemIdentity;
  column: number;
  /** Within a section and kind, lower first (a plan's stateful data before the rest); default 0. */
  rank?: number;
}

function fromFinding(f: Finding, display: (abs: string) => string, subjects: SubjectIndex, introduced: boolean | undefined, problemOf = ruleProblem): Draft {
  const file = display(f.file);
  const naming = itemNaming(f.address ?? subjects.what(f.file, f.range), f.file, [problemOf(f.ruleId)]);
  const item: ChecklistItem = { id: '', kind: 'finding', ...naming, text: f.message, ruleId: f.ruleId, file, line: f.range.start.line };
  if (introduced !== undefined) item.introduced = introduced;
  return { category: f.category, item, identity: identity('finding', f.ruleId, file, f.address, subjects.subject(f.file, f.range), f.message), column: f.range.start.column };
}

/**
 * One item for the undecided items about one place (undecided-places.ts),
 * at the first of them. One rule alone gives the item it always gave (same
 * text, same id); several make one item naming each rule, whose identity is
 * made of all of them, so it stays ticked while that place's code and
 * reasons do not change.
 */
function fromUndecided(group: UndecidedItem[], display: (abs: string) => string, subjects: SubjectIndex, introduced: boolean | undefined, problemOf = ruleProblem): Draft {
  const u = group[0]!;
  const file = display(u.file);
  const rules = rulesOf(group);
  const text = groupText(group);
  const reason = groupReason(group);
  const naming = itemNaming(u.address ?? subjects.what(u.file, u.range), u.file, rules.map((r) => problemOf(r)), true);
  const item: ChecklistItem = { id: '', kind: 'undecided', ...naming, text, ruleId: u.ruleId, reason, file, line: u.range.start.line };
  if (rules.length > 1) item.ruleIds = rules;
  if (introduced !== undefined) item.introduced = introduced;
  return {
    category: u.category,
    item,
    identity: identity('undecided', rules.join(','), file, u.address, subjects.subject(u.file, u.range), `${text}\u0000${reason}`),
    column: u.range.start.column,
  };
}

function fromQuestion(q: ChangeQuestion, display: (abs: string) => string, subjects: SubjectIndex): Draft {
  const file = display(q.file);
  // A removed block's place is in the base, which the index (the working tree's files) does not hold: its address names it.
  const what = q.address ?? (q.topic === 'module-deleted' ? display(dirname(q.file)) : q.removed ? undefined : subjects.what(q.file, q.range));
  const item: ChecklistItem = { id: '', kind: 'question', ...itemNaming(what, q.file, [questionProblem(q.topic)]), text: q.text, file, line: q.range.start.line };
  if (q.removed) item.removed = true;
  return { category: q.category, item, identity: identity('question', q.topic, file, q.address, q.subject, q.text), column: q.range.start.column };
}

function identity(kind: ItemIdentity['kind'], topic: string, file: string, address: string | undefined, subject: string, text: string): ItemIdentity {
  return address === undefined ? { kind, topic, file, subject, text } : { kind, topic, file, address, subject, text };
}

const KIND_ORDER: Record<ChecklistItemKind, number> = { finding: 0, undecided: 1, question: 2 };

/** Sections in a fixed order; within one, findings, then undecided items, then questions, each by file and position. */
function sections(drafts: Draft[]): ChecklistSection[] {
  assignIds(drafts);
  const byCategory = groupBy(drafts, (d) => d.category);
  return [...byCategory.keys()].sort(sectionOrder).map((category) => ({
    category,
    title: sectionTitle(category),
    items: byCategory
      .get(category)!
      .sort(
        (a, b) =>
          KIND_ORDER[a.item.kind] - KIND_ORDER[b.item.kind] ||
          (a.rank ?? 0) - (b.rank ?? 0) ||
          compareText(a.item.file, b.item.file) ||
          a.item.line - b.item.line ||
          a.column - b.column ||
          compareText(a.item.text, b.item.text),
      )
      .map((d) => d.item),
  }));
}

/** Ids from identities; two items with the same identity (the same message twice in one block) are told apart by their order. */
function assignIds(drafts: Draft[]): void {
  const ordered = [...drafts].sort((a, b) => compareText(a.item.file, b.item.file) || a.item.line - b.item.line || a.column - b.column);
  const seen = new Map<string, number>();
  for (const d of ordered) {
    const first = itemId(d.identity);
    const n = seen.get(first) ?? 0;
    seen.set(first, n + 1);
    d.item.id = n === 0 ? first : itemId(d.identity, n);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
