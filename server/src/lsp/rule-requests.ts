import type { RuleMeta } from '../engine/rules/rule.js';
import { ruleDocLines } from '../engine/rules/rule-doc.js';

/** Custom requests the VS Code extension uses for "Show Rule Documentation". */
export const LIST_RULES_REQUEST = 'iacReview/listRules';
export const RULE_DOCUMENTATION_REQUEST = 'iacReview/ruleDocumentation';

export interface RuleSummary {
  id: string;
  title: string;
  category: string;
  severity: string;
}

export function listRules(rules: readonly RuleMeta[]): RuleSummary[] {
  return [...rules]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => ({ id: r.id, title: r.title, category: r.category, severity: r.severity }));
}

export function ruleDocumentation(rules: readonly RuleMeta[], params: unknown): { markdown: string } | null {
  const ruleId = (params as { ruleId?: unknown } | null)?.ruleId;
  const meta = rules.find((r) => r.id === ruleId);
  return meta ? { markdown: ruleDocLines(meta, '#').join('\n') + '\n' } : null;
}
