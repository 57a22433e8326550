import type { Checklist, ChecklistItem, ChecklistSection } from './checklist.js';
import { inlineMarkdown as inline, markdownCode as code, markdownLinkTarget as linkTarget } from '../markdown-text.js';

// The pieces of the Markdown checklist, shared by the whole text (markdown.ts) and its shortened forms (markdown-fit.ts).

/** The header, the sections as given, then any closing paragraphs (what was left out). */
export function renderChecklist(checklist: Checklist, sections: readonly RenderedSection[], closing: readonly string[], ticked: Ticked = NONE_TICKED): string {
  const out: string[] = ['## IaC review checklist', ''];
  out.push(
    checklist.base === null
      ? 'The whole workspace (no `--base`): findings and undecided items. Questions about a change need `--base`.'
      : `Changes against ${code(checklist.base)}: the findings the change introduced (🆕) or that were already in blocks it modified, what could not be decided statically, and the questions the change raises.`,
  );
  if (checklist.sections.every((s) => s.items.length === 0)) {
    out.push('', checklist.base === null ? '✅ Nothing to check: no findings and no undecided items.' : '✅ Nothing to check: the change introduces no findings and raises no questions.');
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
