import type { Checklist, ChecklistItem, ChecklistSection } from './checklist.js';
import { describeCounts } from './plan-summary.js';
import { inlineMarkdown as inline, markdownCode as code, markdownLinkTarget as linkTarget } from '../markdown-text.js';

// The pieces of the Markdown checklist, shared by the whole text (markdown.ts) and its shortened forms (markdown-fit.ts).

/** Plan notes written before the items; the JSON has them all. */
const MAX_PLAN_NOTES = 10;

/** The header, the sections as given, then any closing paragraphs (what was left out). */
export function renderChecklist(checklist: Checklist, sections: readonly RenderedSection[], closing: readonly string[], ticked: Ticked = NONE_TICKED): string {
  const out: string[] = ['## IaC review checklist', ''];
  const { plan } = checklist;
  // The plan's counts come first: "what will this destroy or replace?" is a lead's first question.
  if (plan) {
    out.push(`**Plan** ${code(plan.file)}: ${describeCounts(plan.counts)}.`, '');
    // A plan of other code can hold thousands of addresses the code lacks: the first notes, and where the rest are.
    for (const note of plan.notes.slice(0, MAX_PLAN_NOTES)) out.push(`- Plan note: ${inline(note)}`);
    if (plan.notes.length > MAX_PLAN_NOTES) out.push(`- … and ${plan.notes.length - MAX_PLAN_NOTES} more plan notes (\`--format json\`: \`plan.notes\`).`);
    if (plan.notes.length) out.push('');
  }
  out.push(
    checklist.base === null
      ? plan
        ? 'The whole workspace (no `--base`) with the plan: findings, undecided items, and the questions the plan raises.'
        : 'The whole workspace (no `--base`): findings and undecided items. Questions about a change need `--base` or `--plan`.'
      : `Changes against ${code(checklist.base)}: the findings the change introduced (🆕) or that were already in blocks it modified, what could not be decided statically, and the questions the change${plan ? ' and the plan' : ''} raise${plan ? '' : 's'}.`,
  );
  if (checklist.sections.every((s) => s.items.length === 0)) {
    out.push(
      '',
      checklist.base === null && !plan
        ? '✅ Nothing to check: no findings and no undecided items.'
        : `✅ Nothing to check: the ${checklist.base === null ? 'plan' : 'change'} introduces no findings and raises no questions.`,
    );
    return out.join('\n') + '\n';
  }
  for (const section of sections) {
    const lines = 'lines' in section ? section.lines : section.items.map((item) => `${taskBox(ticked, [item])}${itemLine(item)}`);
    if (lines.length === 0) continue;
    out.push('', `### ${inline(section.title)}`, '');
    out.push(...lines);
  }
  for (const paragraph of closing) out.push('', paragraph);
  return out.join('\n') + '\n';
}

/** The ids of the items the reviewer ticked (the editor's view): copied, they stay ticked. */
export type Ticked = ReadonlySet<string>;
export const NONE_TICKED: Ticked = new Set();

/** A GitHub task-list box: ticked when every item the line stands for is ticked. */
export function taskBox(ticked: Ticked, items: readonly ChecklistItem[]): string {
  return items.length > 0 && items.every((i) => ticked.has(i.id)) ? '- [x] ' : '- [ ] ';
}

/** A section as the checklist holds it, or already written as lines (a shortened one). */
export type RenderedSection = ChecklistSection | { title: string; lines: string[] };

export function itemLine(item: ChecklistItem): string {
  const where = location(item);
  switch (item.kind) {
    case 'finding':
      return `${item.introduced ? '🆕 ' : ''}**${item.introduced === false ? 'Existing finding' : 'Finding'}** ${code(item.ruleId ?? '')}: ${inline(item.text)} — ${where}`;
    case 'undecided':
      return `**Undecided** ${(item.ruleIds ?? [item.ruleId ?? '']).map(code).join(', ')}: ${inline(item.text)} — ${where}<br>Why undecided: ${inline(item.reason ?? '')}`;
    case 'question':
      return `**Question:** ${inline(item.text)} — ${where}`;
  }
}

/** A link to the line; a removed block's place at the base of the change is shown, not linked (the file may be gone). */
export function location(item: ChecklistItem): string {
  const label = `${item.file}:${item.line}`;
  if (item.removed) return `${code(label)} (at the base; removed)`;
  return `[${inline(label)}](${linkTarget(item.file)}#L${item.line})`;
}
