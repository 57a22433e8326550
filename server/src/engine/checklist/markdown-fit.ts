import type { Checklist, ChecklistItem } from './checklist.js';
import { markdownCode as code } from '../markdown-text.js';
import { groupBy } from '../group-by.js';
import { itemLine, location, renderChecklist, type RenderedSection } from './markdown-render.js';

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
 * 3. the per-rule groups dropped from the last section up, questions kept.
 * Every step ends with how many items it left out and where to see them all.
 * The questions are never dropped: they are what the change asks of its
 * reviewer, and there are few of them.
 */
export function fitToComment(checklist: Checklist, limit: number): string {
  const kept = (i: ChecklistItem) => i.kind === 'question' || (i.kind === 'finding' && i.introduced !== false);
  const all = checklist.sections.flatMap((s) => s.items);
  const keptCount = all.filter(kept).length;

  const whole = checklist.sections.map((s) => ({ title: s.title, lines: s.items.filter(kept).map((i) => `- [ ] ${itemLine(i)}`) }));
  const first = renderChecklist(checklist, whole, [leftOut(checklist, all, all.length - keptCount, 0)]);
  if (first.length <= limit) return first;

  let best = '';
  for (let shown = MAX_LOCATIONS; shown >= 1; shown--) {
    const grouped = checklist.sections.map((s) => ({ title: s.title, questions: questionLines(s.items), groups: ruleGroupLines(s.items.filter(kept), shown) }));
    const summarised = grouped.reduce((n, s) => n + s.groups.reduce((m, g) => m + g.count, 0), 0);
    best = renderChecklist(checklist, grouped.map(asSection), [leftOut(checklist, all, all.length - keptCount, summarised)]);
    if (best.length <= limit) return best;
    if (shown === 1) {
      // Drop whole rule groups, last section first, until it fits; their findings join the left-out count.
      let dropped = 0;
      for (let si = grouped.length - 1; si >= 0; si--) {
        const section = grouped[si]!;
        while (section.groups.length > 0) {
          dropped += section.groups.pop()!.count;
          best = renderChecklist(checklist, grouped.map(asSection), [leftOut(checklist, all, all.length - keptCount + dropped, summarised - dropped)]);
          if (best.length <= limit) return best;
        }
      }
    }
  }
  // Only the questions are left and they alone exceed the limit: they are kept all the same (see above).
  return best;
}

interface RuleGroup {
  line: string;
  count: number;
}

function asSection(s: { title: string; questions: string[]; groups: RuleGroup[] }): RenderedSection {
  return { title: s.title, lines: [...s.groups.map((g) => g.line), ...s.questions] };
}

function questionLines(items: readonly ChecklistItem[]): string[] {
  return items.filter((i) => i.kind === 'question').map((i) => `- [ ] ${itemLine(i)}`);
}

/** One line per rule: how many findings, introduced or not, and the first `shown` locations. */
function ruleGroupLines(items: readonly ChecklistItem[], shown: number): RuleGroup[] {
  const findings = items.filter((i) => i.kind === 'finding');
  return [...groupBy(findings, (i) => i.ruleId ?? '').entries()].map(([ruleId, list]) => {
    const introduced = list.every((i) => i.introduced === true);
    const where = list.slice(0, shown).map(location).join(', ');
    const more = list.length > shown ? `, and ${list.length - shown} more` : '';
    const noun = list.length === 1 ? 'finding' : 'findings';
    return { line: `- [ ] ${introduced ? '🆕 ' : ''}**${list.length} ${noun}** ${code(ruleId)}: ${where}${more}`, count: list.length };
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
