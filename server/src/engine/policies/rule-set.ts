import type { Rule } from '../rules/rule.js';
import type { ReviewConfig } from '../config/types.js';
import { policyRule } from './policy-rule.js';
import type { Policy } from './policy.js';

const sets = new WeakMap<readonly Rule<any>[], WeakMap<readonly Policy[], readonly Rule<any>[]>>();

/**
 * The rules a review under `config` runs: the given rules (the catalog, or
 * a test's selection) and the configuration's policies as rules. The one
 * place policies join the rules, so every consumer — the review, the
 * checklist, SARIF, the editor — sees them alike. One array per (rules,
 * policies) pair: caches keyed by the rule list stay warm.
 */
export function rulesWithPolicies(rules: readonly Rule<any>[], config: Pick<ReviewConfig, 'policies'>): readonly Rule<any>[] {
  const policies = config.policies;
  if (!policies?.length) return rules;
  let byPolicies = sets.get(rules);
  if (!byPolicies) sets.set(rules, (byPolicies = new WeakMap()));
  let set = byPolicies.get(policies);
  if (!set) {
    const ids = new Set(rules.map((r) => r.meta.id));
    const added = policies.filter((p) => !ids.has(p.id)).map(policyRule);
    // Rules that already hold the policies (a review context built from such a list) stay the same array.
    byPolicies.set(policies, (set = added.length ? [...rules, ...added] : rules));
  }
  return set;
}
