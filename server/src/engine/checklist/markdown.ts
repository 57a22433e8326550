import type { Checklist, ChecklistItem } from './checklist.js';
import { inlineMarkdown as inline, markdownCode as code, markdownLinkTarget as linkTarget } from '../markdown-text.js';

/**
 * The checklist as Markdown to paste into a pull request: GitHub task-list
 * items, one `###` per section, each item linked to its file and line. Item
 * texts, reasons and file names come from the reviewed code and are written
 * as inert text (see markdown-text.ts).
 */
export function formatChecklistMarkdown(checklist: Checklist): string {
  const out: string[] = ['## IaC review checklist', ''];
  const items = checklist.sections.flatMap((s) => s.items);
  out.push(
    checklist.base === null
      ? 'The whole workspace (no `--base`): findings and undecided items. Questions about a change need `--base`.'
      : `Changes against ${code(checklist.base)}: the findings the change introduced (🆕) or that were already in blocks it modified, what could not be decided statically, and the questions the change raises.`,
  );
  if (items.length === 0) {
    out.push('', checklist.base === null ? '✅ Nothing to check: no findings and no undecided items.' : '✅ Nothing to check: the change introduces no findings and raises no questions.');
    return out.join('\n') + '\n';
  }
  for (const section of checklist.sections) {
    out.push('', `### ${inline(section.title)}`, '');
    for (const item of section.items) out.push(`- [ ] ${itemLine(item)}`);
  }
  return out.join('\n') + '\n';
}

function itemLine(item: ChecklistItem): string {
  const where = location(item);
  switch (item.kind) {
    case 'finding':
      return `${item.introduced ? '🆕 ' : ''}**${item.introduced === false ? 'Existing finding' : 'Finding'}** ${code(item.ruleId ?? '')}: ${inline(item.text)} — ${where}`;
    case 'undecided':
      return `**Undecided** ${code(item.ruleId ?? '')}: ${inline(item.text)} — ${where}<br>Why undecided: ${inline(item.reason ?? '')}`;
    case 'question':
      return `**Question:** ${inline(item.text)} — ${where}`;
  }
}

/** A link to the line; a removed block's place at the base of the change is shown, not linked (the file may be gone). */
function location(item: ChecklistItem): string {
  const label = `${item.file}:${item.line}`;
  if (item.removed) return `${code(label)} (at the base; removed)`;
  return `[${inline(label)}](${linkTarget(item.file)}#L${item.line})`;
}

