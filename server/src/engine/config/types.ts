import type { Severity } from '../severity.js';
import type { ModuleRole } from '../roles/module-role.js';
import type { Policy } from '../policies/policy.js';

export type Preset = 'recommended' | 'strict' | 'none';

export type SeveritySetting = Severity | 'off';

/** A rule's setting as written: `"warning"` or `["error", { …options }]`. */
export type RuleSettingInput = SeveritySetting | [SeveritySetting] | [SeveritySetting, Record<string, unknown>];

/** One entry of `"roles": { "<glob>": "<role>" }`: module directories matching the glob have the role. */
export interface ConfiguredRole {
  glob: string;
  role: ModuleRole;
}

export interface ConfigOverride {
  files: string[];
  rules: Record<string, RuleSettingInput>;
}

/** `.iac-review.json` after parsing and validation (SPEC §5). */
export interface ReviewConfig {
  /** Absolute path of the config file, when one was found. */
  file?: string;
  /** Directory globs are relative to: the config file's directory, else the analysed directory. */
  baseDir: string;
  extends: Preset;
  include: string[];
  exclude: string[];
  rules: Record<string, RuleSettingInput>;
  overrides: ConfigOverride[];
  /** Module roles set by glob, in the order written (the first matching glob wins; SPEC §2a). */
  roles: ConfiguredRole[];
  /** Seconds one rule may spend on one module (`ruleTimeBudget`); absent: the default, 10 s. */
  ruleTimeBudget?: number;
  /** Policies (SPEC §11): those of the packs `extends` names, then the inline `policies`; they run as rules. */
  policies?: Policy[];
}

/** The setting in force for one rule on one file. */
export interface EffectiveRuleSetting {
  severity: SeveritySetting;
  /** True when the severity came from the user's config rather than the preset: it then overrides per-finding severities. */
  severityFromConfig: boolean;
  /** The rule's default options overlaid with configured ones (and preset ones, e.g. strict). */
  options: Record<string, unknown>;
  /**
   * The module roles the rule applies in: the generic `roles` option, else
   * the rule's (roles/rule-roles.ts). Absent only in a setting made by hand: every role.
   */
  roles?: readonly ModuleRole[];
}
