import type { Rule } from '../rules/rule.js';
import { parsePolicyFile } from './policy-file.js';
import { policyRule } from './policy-rule.js';

/**
 * A rule of the catalog written as a policy (`rules/<category>/<name>.policy.json`,
 * SPEC §11: the `recommended` pack). Its text is embedded by the registry
 * generator; one file holds one rule, and a broken one stops the program at
 * start-up rather than silently losing a rule (a test reads every one).
 * The pack is ours, so it may use the built-in categories as its namespaces.
 */
export function shippedPolicyRule(file: string, text: string): Rule {
  const parsed = parsePolicyFile(file, text, new Set());
  if (parsed.errors.length || parsed.policies.length !== 1) {
    const problems = parsed.errors.map((e) => `${e.range?.start.line}:${e.range?.start.column} ${e.message}`);
    throw new Error(`${file}: a shipped policy file must hold exactly one valid policy${problems.length ? `: ${problems.join('; ')}` : ''}`);
  }
  return policyRule(parsed.policies[0]!);
}
