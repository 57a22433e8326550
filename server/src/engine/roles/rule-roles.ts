import type { RuleMeta } from '../rules/rule.js';
import { MODULE_ROLES, type ModuleRole } from './module-role.js';

/** Rules that make no sense in a reusable module: Terraform does not let a caller set its backend or `prevent_destroy`. */
const NOT_IN_MODULES = new Set(['state/remote-backend', 'lifecycle/prevent-destroy']);
/** What an example must still get right: it is copied into real code (SPEC §2a). */
const EXAMPLE_CATEGORIES = new Set(['iam', 'secrets', 'encryption', 'network', 'hardcoded', 'naming', 'suppression']);
const EXAMPLE_RULES = new Set(['versioning/module-source-pinned', 'versioning/provider-pinned']);
/** A test harness is throw-away code, but a real secret in it leaks all the same. */
const TEST_CATEGORIES = new Set(['suppression']);
const TEST_RULES = new Set(['secrets/hardcoded-secret']);

/**
 * The roles a rule applies in: its metadata's `roles`, else SPEC §2a's
 * defaults, decided here for every rule from its id and category.
 */
export function ruleRoles(meta: Pick<RuleMeta, 'id' | 'category' | 'roles'>): readonly ModuleRole[] {
  return meta.roles ?? defaultRuleRoles(meta);
}

function defaultRuleRoles(meta: Pick<RuleMeta, 'id' | 'category'>): ModuleRole[] {
  return MODULE_ROLES.filter((role) => {
    switch (role) {
      case 'deployment':
        return true;
      case 'module':
        return !NOT_IN_MODULES.has(meta.id);
      case 'example':
        return EXAMPLE_CATEGORIES.has(meta.category) || EXAMPLE_RULES.has(meta.id);
      case 'test':
        return TEST_CATEGORIES.has(meta.category) || TEST_RULES.has(meta.id);
    }
  });
}
