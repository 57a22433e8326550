import { sep } from 'node:path';
import { Minimatch } from 'minimatch';
import { relativeBelow } from '../host.js';
import type { RuleMeta } from '../rules/rule.js';
import { ruleRoles } from '../roles/rule-roles.js';
import type { ModuleRole } from '../roles/module-role.js';
import { SEVERITY_RANK, type Severity } from '../severity.js';
import { DEFAULT_RULE_TIME_BUDGET_MS } from '../time-budget.js';
import { MAX_GLOB_EXPANSION } from './glob-limits.js';
import type { EffectiveRuleSetting, Preset, ReviewConfig, RuleSettingInput, SeveritySetting } from './types.js';

/** Options the `strict` preset turns on wherever a rule has them (SPEC §5). */
export const STRICT_OPTIONS: Readonly<Record<string, unknown>> = { requireExact: true, requireCommitHash: true };

/** The option every rule accepts: the module roles it applies in (SPEC §2a). */
export const ROLES_OPTION = 'roles';

/** Always excluded, whatever the config says: downloaded modules and providers. */
const ALWAYS_EXCLUDED_DIR = '.terraform';

/**
 * The setting in force for one rule on one file: the preset, then `rules`,
 * then each matching override in order. Options are the rule's defaults
 * overlaid with the preset's, then the configured ones.
 */
export function effectiveRuleSetting(config: ReviewConfig, meta: RuleMeta, absFile: string): EffectiveRuleSetting {
  // A policy the configuration itself brings is on whatever the preset: `none` switches off the built-in catalog, not the organisation's own standards.
  const preset = config.extends === 'none' && config.policies?.some((p) => p.id === meta.id) ? 'recommended' : config.extends;
  const setting: EffectiveRuleSetting = {
    severity: presetSeverity(preset, meta.severity),
    severityFromConfig: false,
    options: { ...defaultOptions(meta), ...presetOptions(config.extends, meta) },
    roles: ruleRoles(meta),
  };
  applyInput(setting, config.rules[meta.id]);
  if (config.overrides.length > 0) {
    const path = relativePath(config, absFile);
    for (const override of config.overrides) {
      const input = override.rules[meta.id];
      if (input !== undefined && override.files.some((glob) => matchesGlob(glob, path))) applyInput(setting, input);
    }
  }
  return setting;
}

/** Whether a file is analysed: it matches `include` (everything when empty) and no `exclude`, and is not under `.terraform/`. */
export function isPathIncluded(config: ReviewConfig, absPath: string): boolean {
  const path = relativePath(config, absPath);
  if (path.split('/').includes(ALWAYS_EXCLUDED_DIR)) return false;
  if (config.exclude.some((glob) => matchesGlob(glob, path))) return false;
  return config.include.length === 0 || config.include.some((glob) => matchesGlob(glob, path));
}

/** Whether a directory can hold analysed files (lets a file walk prune `exclude`d and `.terraform` trees early). */
export function isDirectoryIncluded(config: ReviewConfig, absDir: string): boolean {
  const path = relativePath(config, absDir);
  if (path.split('/').includes(ALWAYS_EXCLUDED_DIR)) return false;
  // `legacy/**` excludes everything below `legacy`, so the directory itself can be skipped.
  return !config.exclude.some((glob) => matchesGlob(glob.replace(/\/\*\*\/?$/, ''), path));
}

/** The time one rule may spend on one module: `ruleTimeBudget` (seconds), else 10 s. */
export function ruleTimeBudgetMs(config: ReviewConfig): number {
  return config.ruleTimeBudget !== undefined ? config.ruleTimeBudget * 1000 : DEFAULT_RULE_TIME_BUDGET_MS;
}

export function defaultOptions(meta: RuleMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(meta.options ?? {})) out[name] = structuredClone(spec.default);
  return out;
}

function presetSeverity(preset: Preset, severity: Severity): SeveritySetting {
  switch (preset) {
    case 'recommended':
      return severity;
    case 'strict':
      return SEVERITY_RANK[severity] < SEVERITY_RANK.warning ? 'warning' : severity;
    case 'none':
      return 'off';
  }
}

function presetOptions(preset: Preset, meta: RuleMeta): Record<string, unknown> {
  if (preset !== 'strict' || !meta.options) return {};
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(STRICT_OPTIONS)) if (name in meta.options) out[name] = value;
  return out;
}

function applyInput(setting: EffectiveRuleSetting, input: RuleSettingInput | undefined): void {
  if (input === undefined) return;
  if (typeof input === 'string') {
    setting.severity = input;
  } else {
    setting.severity = input[0];
    if (input[1]) {
      // `roles` is the generic option every rule accepts: it says where the rule runs, not how, so the rule never sees it.
      const { [ROLES_OPTION]: roles, ...options } = input[1];
      if (roles !== undefined) setting.roles = roles as ModuleRole[];
      setting.options = { ...setting.options, ...options };
    }
  }
  setting.severityFromConfig = true;
}

/** The path globs are matched against: relative to the config's directory, with `/` separators. */
function relativePath(config: ReviewConfig, absPath: string): string {
  const rel = relativeBelow(config.baseDir, absPath);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

const compiled = new Map<string, Minimatch[]>();

/**
 * minimatch with `dot: true`; a glob naming a directory (`envs/prod`,
 * `envs/prod/`) also matches everything below it, as users expect.
 */
export function matchesGlob(glob: string, path: string): boolean {
  let matchers = compiled.get(glob);
  if (!matchers) {
    const trimmed = trimTrailingSlashes(glob.replace(/^\.\//, ''));
    const patterns = trimmed.endsWith('/**') ? [trimmed] : [trimmed, `${trimmed}/**`];
    // Config validation refuses globs that expand further; the bound holds for globs given another way too.
    matchers = patterns.map((p) => new Minimatch(p, { dot: true, braceExpandMax: MAX_GLOB_EXPANSION }));
    compiled.set(glob, matchers);
  }
  return matchers.some((m) => m.match(path));
}

/** `a/b///` → `a/b`, in one pass (`/\/+$/` retries from every slash of a long run). */
function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
  return text.slice(0, end);
}
