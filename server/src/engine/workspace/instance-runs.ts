import type { Finding, InputError, UndecidedItem } from '../finding.js';
import type { EffectiveRuleSetting } from '../config/types.js';
import type { Rule } from '../rules/rule.js';
import { runRules, type FixMode, type SettingLookup } from '../run-rules.js';
import type { ModuleRole } from '../roles/module-role.js';
import type { ModuleInstance } from './module-instance.js';
import type { Range } from '../range.js';
import type { Module } from '../model/module.js';
import type { RuleMemory } from '../incremental/rule-memory.js';
import type { StandaloneRuns } from './standalone-runs.js';

/** What one rule said about one module instance. */
export interface RuleRun {
  findings: Finding[];
  undecided: UndecidedItem[];
  errors: InputError[];
  /** Whether the rule read anything a caller can change (a variable, a child module's output). */
  readsInputs: boolean;
}

export interface InstanceRunOptions {
  strict: boolean;
  timeBudgetMs: number;
  /** Fix edits for the findings of modules reviewed on their own; instances in a caller's context never need them. */
  fixes: FixMode;
  /** The role a module's instances are run in, unless its review said otherwise (`setRole`). */
  roleOf: (dir: string) => ModuleRole;
  /** The editor's memory of the module's last review: block-local rules judge again only what an edit can change. */
  memory?: RuleMemory;
  /** What else the memory's runs depend on (the config, the rule list): a different one means a whole run. */
  signature?: readonly unknown[];
  /** Runs of called modules on their own, shared with earlier reviews of the same scan (never the reviewed module's). */
  standaloneRuns?: StandaloneRuns;
}

/**
 * Runs rules over module instances, each (instance, rule) once. A rule runs
 * whether or not it is on where the instance's own files are (a rule that is
 * off in a callee can still be on in its caller, where the finding would be
 * placed): the caller of `run` decides with `settingFor` what to keep.
 */
export class InstanceRuns {
  private readonly results = new WeakMap<ModuleInstance, Map<string, RuleRun>>();
  private readonly roles = new WeakMap<ModuleInstance, ModuleRole>();
  private readonly switchedOn = new WeakMap<EffectiveRuleSetting, Map<string, EffectiveRuleSetting>>();

  constructor(
    private readonly settingFor: SettingLookup,
    private readonly options: InstanceRunOptions,
  ) {}

  /** The role the module was reviewed in (the editor decides it per review): rules that read the role see it. */
  setRole(instance: ModuleInstance, role: ModuleRole): void {
    this.roles.set(instance, role);
  }

  run(instance: ModuleInstance, rule: Rule<any>): RuleRun {
    let byRule = this.results.get(instance);
    if (!byRule) this.results.set(instance, (byRule = new Map()));
    const cached = byRule.get(rule.meta.id);
    if (cached) return cached;
    // A module built from a plan has no meta-arguments to judge (SPEC §10): silence, not a finding about what is not there.
    if (instance.module.planned && rule.meta.readsMetaArguments) {
      const silent: RuleRun = { findings: [], undecided: [], errors: [], readsInputs: false };
      byRule.set(rule.meta.id, silent);
      return silent;
    }
    const evaluator = instance.evaluator;
    const fixes = instance.step ? 'none' : this.options.fixes;
    const reviewedRole = this.roles.get(instance);
    const role = reviewedRole ?? this.options.roleOf(instance.module.dir);
    // The module on its own: no caller's values, no plan's.
    const onItsOwn = !instance.step && !evaluator.planned && !instance.module.planned;
    // A module a call reaches, on its own (not the one reviewed, whose role the review sets): the same in every review of a scan.
    const shared = onItsOwn && !instance.codeOnly && reviewedRole === undefined ? this.options.standaloneRuns : undefined;
    const known = shared?.get(instance.module, role, rule.meta.id);
    if (known) {
      byRule.set(rule.meta.id, known);
      return known;
    }
    const memory = this.options.memory;
    // Only the module reviewed, on its own, without a plan: a caller's values or a plan's are not the editor's memory,
    // nor is a module its calls reach (whose verdicts a caller's review may ask for).
    const standalone = memory && onItsOwn && memory.isFor(instance.module);
    const carried = standalone ? <T>(key: object) => memory.carry<T>(key) : undefined;
    const runOn = (view?: Module): RuleRun => {
      const readsBefore = evaluator.inputReads;
      const output = runRules(instance.module, evaluator, [rule], (id, file) => this.runningSetting(rule, id, file), {
        strict: this.options.strict,
        timeBudgetMs: this.options.timeBudgetMs,
        fixes,
        role,
        callerProvider: (key) => instance.callerProvider(key),
        ...(view ? { view } : {}),
        ...(carried ? { carried } : {}),
      });
      // Built field by field, not spread: every (instance, rule) pair makes one, and a spread copy is several times slower to make and to read.
      return { findings: output.findings, undecided: output.undecided, errors: output.errors, readsInputs: evaluator.inputReads !== readsBefore };
    };
    const remembered = standalone && rule.meta.blockLocal;
    const run = remembered
      ? memory.run(rule.meta.id, instance.module, [...(this.options.signature ?? []), role, fixes, this.options.strict, this.options.timeBudgetMs], runOn)
      : runOn();
    byRule.set(rule.meta.id, run);
    shared?.set(instance.module, role, rule.meta.id, run);
    return run;
  }

  /** Whether the rule's verdict on this module can depend on its caller: only then is it run again per call. */
  dependsOnCaller(instance: ModuleInstance, rule: Rule<any>): boolean {
    if (rule.meta.writtenCodeOnly) return false;
    // The plan gives each planned instance its own values (SPEC §10).
    if (instance.evaluator.planned) return true;
    return this.run(instance.graph.standalone(instance.module), rule).readsInputs;
  }

  /** The setting a rule runs under: the one in force, or — where it is off — the rule's own default severity. */
  private runningSetting(rule: Rule<any>, id: string, file: string): EffectiveRuleSetting {
    const setting = this.settingFor(id, file);
    if (setting.severity !== 'off') return setting;
    // One "on" copy per setting: asked again for every file and finding of every instance the rule runs on.
    // Per setting and severity: one "off" setting object can stand for several rules (off in a role).
    let bySeverity = this.switchedOn.get(setting);
    if (!bySeverity) this.switchedOn.set(setting, (bySeverity = new Map()));
    let on = bySeverity.get(rule.meta.severity);
    if (!on) bySeverity.set(rule.meta.severity, (on = { ...setting, severity: rule.meta.severity, severityFromConfig: false }));
    return on;
  }
}

/** The key two runs of a rule share when they report the same thing at the same place. */
export function placeKey(item: { ruleId: string; file: string; range: Range }): string {
  return `${item.ruleId}\u0000${item.file}\u0000${item.range.start.line}:${item.range.start.column}\u0000${item.range.end.line}:${item.range.end.column}`;
}
