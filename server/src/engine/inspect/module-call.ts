import type { Module, ModuleCallRef } from '../model/module.js';
import type { ModuleEvaluator } from '../evaluate/evaluator.js';
import { asString, type Value } from '../evaluate/value.js';
import { findAttribute } from '../rules/rule.js';
import { RULES } from '../rules/registry.generated.js';
import { runRules } from '../run-rules.js';
import { effectiveRuleSetting } from '../config/effective.js';
import { defaultConfig } from '../config/load-config.js';
import type { ReviewConfig } from '../config/types.js';
import type { Certain } from '../iam/policy-statement.js';
import { classifyGitRef, classifyModuleSource, type GitRefClass, type ModuleSource } from '../versioning/module-source.js';

export const PINNING_RULE_ID = 'versioning/module-source-pinned';

/** What the review sees of a module call: its source, version constraint and whether it is pinned. */
export interface ModuleCallInspection {
  /** `source` as written (after evaluation; Terraform requires a literal). */
  source: Certain<string>;
  /** The source classified the way Terraform reads it; absent when the source is unknown. */
  classified?: ModuleSource;
  /** The `version` constraint; absent when the call has none. */
  version?: Certain<string>;
  /** VCS sources with `?ref=` / `?rev=`: the ref and what kind of name it is. */
  gitRef?: GitRefClass & { ref: string; param: 'ref' | 'rev' };
  /**
   * What `versioning/module-source-pinned` decides for this call, under the
   * configuration in force: `reported` (with the finding messages),
   * `undecided` (with the reasons) or `not-reported`. Absent when the rule is
   * not in the registry.
   */
  pinning?: { verdict: 'reported' | 'undecided' | 'not-reported'; messages: string[] };
}

export function inspectModuleCall(
  module: Module,
  call: ModuleCallRef,
  evaluator: ModuleEvaluator,
  config: ReviewConfig | undefined,
): ModuleCallInspection {
  const source = certainString(evaluator.attributeValue(call.block, call.file, 'source'), 'the module call has no source');
  const out: ModuleCallInspection = { source };
  if (source.known) {
    const classified = classifyModuleSource(source.value);
    out.classified = classified;
    if (classified.ref !== undefined) {
      out.gitRef = { ...classifyGitRef(classified.ref), ref: classified.ref, param: classified.refParam ?? 'ref' };
    }
  }
  if (findAttribute(call.block, 'version')) {
    out.version = certainString(evaluator.attributeValue(call.block, call.file, 'version'), 'the version is empty');
  }
  const pinning = pinningVerdict(module, call, evaluator, config);
  if (pinning) out.pinning = pinning;
  return out;
}

function certainString(value: Value | undefined, missing: string): Certain<string> {
  if (!value || value.kind === 'null') return { known: false, reason: missing };
  if (value.kind === 'unknown') return { known: false, reason: value.reason };
  const text = asString(value);
  return text === undefined ? { known: false, reason: `it is a ${value.kind}, not a string` } : { known: true, value: text };
}

/**
 * Runs the pinning rule itself, so the hover says exactly what the rule
 * decides (and follows its options, e.g. `requireExact` under `strict`)
 * rather than restating its policy.
 */
function pinningVerdict(
  module: Module,
  call: ModuleCallRef,
  evaluator: ModuleEvaluator,
  config: ReviewConfig | undefined,
): ModuleCallInspection['pinning'] {
  const rule = RULES.find((r) => r.meta.id === PINNING_RULE_ID);
  if (!rule) return undefined;
  const cfg = config ?? defaultConfig(module.dir);
  const output = runRules(
    module,
    evaluator,
    [rule],
    (id, file) => {
      const setting = effectiveRuleSetting(cfg, rule.meta, file);
      // The hover shows the decision even where the rule is switched off.
      return setting.severity === 'off' ? { ...setting, severity: rule.meta.severity } : setting;
    },
    { fixes: 'none' },
  );
  if (output.errors.length) return { verdict: 'undecided', messages: output.errors.map((e) => e.message) };
  const findings = output.findings.filter((f) => f.address === call.address);
  if (findings.length) return { verdict: 'reported', messages: findings.map((f) => f.message) };
  const undecided = output.undecided.filter((u) => u.address === call.address);
  if (undecided.length) return { verdict: 'undecided', messages: undecided.map((u) => `${u.text} (${u.reason})`) };
  return { verdict: 'not-reported', messages: [] };
}
