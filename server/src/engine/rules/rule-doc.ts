import type { RuleMeta } from './rule.js';
import { ruleRoles } from '../roles/rule-roles.js';

/**
 * A rule's documentation as Markdown lines, from its metadata: the reference
 * (docs/rules.md) and the editor's "Show Rule Documentation" render the same text.
 */
export function ruleDocLines(r: RuleMeta, heading: '#' | '##' | '###'): string[] {
  const out = [`${heading} ${r.id}`, '', `**${r.title}** — default severity: \`${r.severity}\`${r.fixable ? ' · quick fix available' : ''}${r.diffOnly ? ' · diff mode only' : ''}${r.planOnly ? ' · with `--plan` only' : ''}`];
  out.push('', `**Applies in** ${ruleRoles(r).map((role) => `\`${role}\``).join(', ')} modules (SPEC §2a roles; change with the \`roles\` option).`);
  out.push('', `**Why.** ${r.rationale}`, '', `**How to fix.** ${r.remediation}`);
  const options = Object.entries(r.options ?? {});
  if (options.length) {
    out.push('', '**Options**', '', '| Option | Type | Default | Description |', '|---|---|---|---|');
    for (const [name, spec] of options) {
      out.push(`| \`${name}\` | ${spec.type} | \`${escapeCell(JSON.stringify(spec.default))}\` | ${escapeCell(spec.description)} |`);
    }
  }
  // A policy (SPEC §11) may come without examples.
  if (r.examples.failing || r.examples.passing) {
    out.push('', 'Failing:', '', '```hcl', r.examples.failing, '```');
    if (r.examples.plan) out.push('', 'with the plan:', '', '```json', r.examples.plan.failing, '```');
    out.push('', 'Passing:', '', '```hcl', r.examples.passing, '```');
    if (r.examples.plan) out.push('', 'with the plan:', '', '```json', r.examples.plan.passing, '```');
  }
  const equivalents = Object.entries(r.equivalents).filter(([, ids]) => ids && ids.length);
  if (equivalents.length) {
    out.push('', `**Equivalents:** ${equivalents.map(([tool, ids]) => `${tool}: ${ids!.map((i) => `\`${i}\``).join(', ')}`).join('; ')}`);
  }
  out.push('', `Suppress: \`# iac-review:ignore ${r.id} -- <why this is accepted>\``);
  return out;
}

/** Text made safe for one Markdown table cell. */
export function escapeCell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
