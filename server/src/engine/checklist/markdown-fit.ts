import type { Checklist, ChecklistItem } from './checklist.js';
import { inlineMarkdown as inline, markdownCode as code } from '../markdown-text.js';
import { groupBy } from '../group-by.js';
import { itemLine, location, NONE_TICKED, renderChecklist, taskBox, type Ticked } from './markdown-render.js';

/**
 * GitHub's limit on one pull-request comment, in characters. Measured here
 * as JavaScript string length (UTF-16 code units), which is never less than
 * the number of characters, so a text within it is within GitHub's limit.
 */
export const COMMENT_LIMIT = 65_536;

/** How many locations a per-rule summary names before "and N more", at most. */
const MAX_LOCATIONS = 5;

/**
 * The checklist shortened to `limit` characters (SPEC §7), in steps, each
 * taken only when the previous one does not fit:
 * 1. the questions and the findings a lead must see — the introduced ones
 *    (all of them without `--base`, where nothing is "existing"), each
 *    written out; existing findings and undecided items are left out;
 * 2. those findings grouped per rule with their count and first locations
 *    (fewer locations each time it still does not fit);
 * 3. questions that ask the same of many blocks (the same text but for the
 *    names and values in it: 2,000 new policies, one "who approved this
 *    access?" each) said once with their count and first locations, the
 *    findings written out again, then grouped too (fewer locations again);
 * 4. the per-rule finding groups dropped from the last section up.
 * Every step ends with how many items it left out and where to see them all.
 * No question is ever dropped: each is written out or counted in its group.
 */
export function fitToComment(checklist: Checklist, limit: number, ticked: Ticked = NONE_TICKED): string {
  const kept = (i: ChecklistItem) => i.kind === 'question' || (i.kind === 'finding' && i.introduced !== false);
  const all = checklist.sections.flatMap((s) => s.items);
  const omittedBase = all.length - all.filter(kept).length;

  const whole = checklist.sections.map((s) => ({ title: s.title, lines: s.items.filter(kept).map((i) => `${taskBox(ticked, [i])}${itemLine(i)}`) }));
  let text = renderChecklist(checklist, whole, [leftOut(checklist, all, omittedBase, 0)], ticked);
  if (text.length <= limit) return text;

  // `undefined`: written out one per line; a number: grouped, with that many locations each.
  const attempt = (findingsShown: number | undefined, questionsShown: number | undefined, dropFromEnd = 0): string => {
    const sections = checklist.sections.map((s) => ({
      title: s.title,
      groups: findingsShown === undefined ? findingLines(s.items.filter(kept), ticked) : ruleGroupLines(s.items.filter(kept), findingsShown, ticked),
      questions: questionsShown === undefined ? questionLines(s.items, ticked) : questionGroupLines(s.items, questionsShown, ticked),
    }));
    let dropped = 0;
    for (let si = sections.length - 1; si >= 0 && dropFromEnd > 0; si--) {
      const groups = sections[si]!.groups;
      while (groups.length > 0 && dropFromEnd > 0) {
        dropped += groups.pop()!.count;
        dropFromEnd--;
      }
    }
    const summarised = findingsShown === undefined ? 0 : sections.reduce((n, s) => n + s.groups.reduce((m, g) => m + g.count, 0), 0);
    const lines = sections.map((s) => ({ title: s.title, lines: [...s.groups.map((g) => g.line), ...s.questions] }));
    return renderChecklist(checklist, lines, [leftOut(checklist, all, omittedBase + dropped, summarised)], ticked);
  };

  for (let shown = MAX_LOCATIONS; shown >= 1; shown--) if ((text = attempt(shown, undefined)).length <= limit) return text;
  if ((text = attempt(undefined, MAX_LOCATIONS)).length <= limit) return text;
  for (let shown = MAX_LOCATIONS; shown >= 1; shown--) if ((text = attempt(shown, shown)).length <= limit) return text;
  const groupCount = checklist.sections.reduce((n, s) => n + ruleGroupLines(s.items.filter(kept), 1, ticked).length, 0);
  for (let drop = 1; drop <= groupCount; drop++) if ((text = attempt(1, 1, drop)).length <= limit) return text;
  // Only the questions are left, one line per kind of question, and they alone exceed the limit: kept all the same.
  return text;
}

interface RuleGroup {
  line: string;
  count: number;
}

/** Findings written out, one line each (each counts as a group of one, for dropping). */
function findingLines(items: readonly ChecklistItem[], ticked: Ticked): RuleGroup[] {
  return items.filter((i) => i.kind === 'finding').map((i) => ({ line: `${taskBox(ticked, [i])}${itemLine(i)}`, count: 1 }));
}

function questionLines(items: readonly ChecklistItem[], ticked: Ticked): string[] {
  return items.filter((i) => i.kind === 'question').map((i) => `${taskBox(ticked, [i])}${itemLine(i)}`);
}

/**
 * Questions asking the same of many blocks, one line each: grouped by their
 * text with every code span and every word holding a digit (names, values,
 * ARNs, versions) taken out, so "`aws_iam_policy.a_1` is a new policy
 * granting … a-1 …" and "… a_2 … a-2 …" are one kind of question.
 */
function questionGroupLines(items: readonly ChecklistItem[], shown: number, ticked: Ticked): string[] {
  const questions = items.filter((i) => i.kind === 'question');
  const shape = (text: string) => text.replace(/`[^`]*`/g, '`…`').replace(/\S*\d\S*/g, '#');
  return [...groupBy(questions, (q) => shape(q.text)).values()].map((list) => {
    const first = list[0]!;
    if (list.length === 1) return `${taskBox(ticked, list)}${itemLine(first)}`;
    const where = list.slice(0, shown).map(location).join(', ');
    const more = list.length > shown ? `, and ${list.length - shown} more` : '';
    return `${taskBox(ticked, list)}**${list.length} questions like this one:** ${inline(first.text)} — ${where}${more}`;
  });
}

/** One line per rule: how many findings, introduced or not, and the first `shown` locations. */
function ruleGroupLines(items: readonly ChecklistItem[], shown: number, ticked: Ticked): RuleGroup[] {
  const findings = items.filter((i) => i.kind === 'finding');
  return [...groupBy(findings, (i) => i.ruleId ?? '').entries()].map(([ruleId, list]) => {
    const introduced = list.every((i) => i.introduced === true);
    const where = list.slice(0, shown).map(location).join(', ');
    const more = list.length > shown ? `, and ${list.length - shown} more` : '';
    const noun = list.length === 1 ? 'finding' : 'findings';
    return { line: `${taskBox(ticked, list)}${introduced ? '🆕 ' : ''}**${list.length} ${noun}** ${code(ruleId)}: ${where}${more}`, count: list.length };
  });
}

/** How many items were left out or summarised, of which kinds, and where to see every one of them. */
function leftOut(checklist: Checklist, all: readonly ChecklistItem[], omitted: number, summarised: number): string {
  const existing = all.filter((i) => i.kind === 'finding' && i.introduced === false).length;
  const undecided = all.filter((i) => i.kind === 'undecided').length;
  const kinds = [
    existing > 0 ? `${existing} existing ${existing === 1 ? 'finding' : 'findings'}` : '',
    undecided > 0 ? `${undecided} undecided ${undecided === 1 ? 'item' : 'items'}` : '',
    omitted - existing - undecided > 0 ? `${omitted - existing - undecided} more ${checklist.base === null ? '' : 'introduced '}findings` : '',
  ].filter(Boolean);
  const base = checklist.base === null ? '' : ` --base ${checklist.base}`;
  const sentences = [
    `**This checklist is shortened to fit one pull-request comment** (GitHub allows 65,536 characters): of its ${all.length} items, ${omitted} ${omitted === 1 ? 'is' : 'are'} left out${kinds.length ? ` (${kinds.join(', ')})` : ''}.`,
  ];
  if (summarised > 0) sentences.push(`${summarised} findings are counted per rule with their first locations.`);
  sentences.push(
    `See every item in the JSON checklist (${code(`iac-review checklist${base} --format json`)}), the SARIF (${code(`iac-review check${base} --format sarif`)}), or the editor's Review Checklist view.`,
  );
  return sentences.join(' ');
}
