import type { Finding, Fix, InputError, UndecidedItem } from './finding.js';
import type { Module } from './model/module.js';
import type { SourceFile } from './parse/ast.js';
import type { ModuleEvaluator } from './evaluate/evaluator.js';
import type { EffectiveRuleSetting } from './config/types.js';
import type { ModuleRole } from './roles/module-role.js';
import type { ReportDescriptor, Rule, RuleContext, UndecidedDescriptor } from './rules/rule.js';
import { SEVERITY_RANK, type Severity } from './severity.js';
import { evaluateExistence, existenceLookup } from './evaluate/existence.js';
import { tickRuleBudget, DEFAULT_RULE_TIME_BUDGET_MS, formatBudget, runWithinBudget } from './time-budget.js';
import { TIMINGS, timed } from './timings.js';
import { ownString } from './own-string.js';

export interface RuleRunOutput {
  findings: Finding[];
  undecided: UndecidedItem[];
  /** A rule that threw or ran out of time: reported once per module, the other rules still run. */
  errors: InputError[];
}

/** When fix edits are computed; see AnalyzeOptions.fixes. */
export type FixMode = 'eager' | 'lazy' | 'none';

export type SettingLookup = (ruleId: string, file: string) => EffectiveRuleSetting;

/**
 * Categories whose findings are about deployed infrastructure: when the block
 * exists only under an assumed condition, their messages say when (SPEC §2a).
 * The others judge the code as written (names, versions, a secret in the
 * repository), which is there whether or not the block is ever created.
 */
const EXISTENCE_CATEGORIES = new Set(['iam', 'encryption', 'network', 'lifecycle', 'resilience', 'observability', 'tagging']);

export interface RunRulesOptions {
  strict?: boolean;
  fixes?: FixMode;
  base?: Module;
  /** The module's role (SPEC §2a), for rules whose meaning depends on it; default `deployment`. */
  role?: ModuleRole;
  /** Time one rule may spend on this module (default 10 s); see time-budget.ts. */
  timeBudgetMs?: number;
  /** The provider configurations the module's caller passes (a module evaluated in a caller's context, SPEC §2a). */
  callerProvider?: RuleContext['callerProvider'];
  /**
   * The module as the rules see it, when it is not `module` itself: the
   * editor's incremental review (incremental/rule-memory.ts) shows a
   * block-local rule only the blocks it must judge again. Everything is
   * still evaluated in `module`; facts the rules share (`memo`) are made
   * apart for the view, so that no other run reads a fact made from part
   * of the module.
   */
  view?: Module;
  /** Shared work kept across the editor's reviews of the module (RuleContext.carried). */
  carried?: RuleContext['carried'];
}

/**
 * Runs every enabled rule over one module. A rule is enabled for the module
 * when it is on for at least one of its files; each finding then takes the
 * setting of the file it is in (overrides are per file). Each rule runs
 * within a time budget: one that exceeds it, like one that throws, loses its
 * findings for the module and becomes one `internal` error.
 */
/** The memo key of a module instance's existence lookup. */
const EXISTENCE_LOOKUP = {};

export function runRules(
  module: Module,
  evaluator: ModuleEvaluator,
  rules: readonly Rule<any>[],
  settingFor: SettingLookup,
  { strict = false, fixes = 'eager', base, role = 'deployment', timeBudgetMs = DEFAULT_RULE_TIME_BUDGET_MS, callerProvider, view, carried }: RunRulesOptions = {},
): RuleRunOutput {
  const output: RuleRunOutput = { findings: [], undecided: [], errors: [] };
  const budgetMs = Number.isFinite(timeBudgetMs) && timeBudgetMs > 0 ? timeBudgetMs : DEFAULT_RULE_TIME_BUDGET_MS;
  const shared = helpersOf(module, evaluator);
  const { files, existence, evaluate, attributeValue, plannedArgument } = shared;
  const memo = view ? viewMemo(evaluator) : shared.memo;
  const instance = view ? {} : evaluator;
  // The conditions a finding's place exists under (SPEC §2a), looked up only for findings that need them.
  // One lookup per module instance, shared by its rules (the evaluator's memo), not one per run.
  const planned = evaluator.planned;
  const whenAt = evaluator.memo(EXISTENCE_LOOKUP, () => existenceLookup({ evaluate, existence, ...(planned ? { planned } : {}) }, module));
  for (const rule of rules) {
    if (!rule.check) continue;
    // Diff-only rules compare with the base of a change: they run only in diff mode (SPEC §7).
    if (rule.meta.diffOnly && !base) continue;
    const enabledIn = files.find((f) => settingFor(rule.meta.id, f.path).severity !== 'off');
    if (!enabledIn) continue;
    const { meta } = rule;
    // The optional members are set after, not spread in: a context is made per rule and module instance, and
    // conditional spreads make each one slowly (and with a shape of its own).
    const context: { -readonly [K in keyof RuleContext<Record<string, unknown>>]: RuleContext<Record<string, unknown>>[K] } = {
      module: view ?? module,
      instance,
      memo,
      role,
      options: settingFor(meta.id, enabledIn.path).options,
      // The evaluator's own recursion ticks the budget: no second tick per call here.
      evaluate,
      existence,
      attributeValue,
      plannedArgument,
      report: (d: ReportDescriptor) => {
        tickRuleBudget();
        const setting = settingFor(meta.id, d.file.path);
        if (setting.severity === 'off') return;
        const severity = finalSeverity(setting, d.severity, strict);
        // The texts are copies (ownString): a finding outlives its module's syntax trees (a check holds every
        // finding until its output), and a name sliced from a file's text would keep the whole text alive.
        const finding: Finding = {
          ruleId: meta.id,
          severity,
          category: meta.category,
          message: ownString(EXISTENCE_CATEGORIES.has(meta.category) ? withWhen(d.message, whenAt(d.file.path, d.range)) : d.message),
          file: d.file.path,
          range: d.range,
        };
        if (d.address !== undefined) finding.address = ownString(d.address);
        if (d.related?.length) finding.related = d.related.map((r) => ({ file: r.file, range: r.range, message: ownString(r.message) }));
        if (typeof d.fix !== 'function') {
          if (d.fix) finding.fix = d.fix;
        } else if (fixes === 'lazy') defineLazyFix(finding, d.fix);
        else if (fixes === 'eager') {
          const fix = d.fix();
          if (fix) finding.fix = fix;
        }
        output.findings.push(finding);
      },
      undecided: (d: UndecidedDescriptor) => {
        tickRuleBudget();
        if (settingFor(meta.id, d.file.path).severity === 'off') return;
        // Copies, as a finding's: the checklist holds every item to the end.
        const item: UndecidedItem = {
          ruleId: meta.id,
          category: meta.category,
          text: ownString(d.text),
          reason: ownString(d.reason),
          file: d.file.path,
          range: d.range,
        };
        if (d.address !== undefined) item.address = ownString(d.address);
        output.undecided.push(item);
      },
    };
    if (callerProvider) context.callerProvider = callerProvider;
    if (base) context.base = base;
    if (planned) context.planned = planned;
    // Never over a view: what a pass keeps is about the whole module.
    if (carried && !view) context.carried = carried;
    const before = { findings: output.findings.length, undecided: output.undecided.length };
    let failure: string | undefined;
    try {
      const check = () => rule.check!(context);
      const run = runWithinBudget(budgetMs, TIMINGS.on ? () => timed(`rule ${meta.id}`, check) : check);
      if (run.exceeded) {
        failure =
          `rule ${meta.id} stopped: it exceeded its time budget of ${formatBudget(run.budgetMs)} on the module in ${module.dir} ` +
          '(its findings for this module are missing; "ruleTimeBudget" in .iac-review.json sets the budget)';
      }
    } catch (e) {
      failure = `internal error in rule ${meta.id} (its findings for this module are missing): ${(e as Error)?.message ?? String(e)}`;
    }
    if (failure !== undefined) {
      // Isolate the failure: drop the rule's partial output, keep every other rule.
      output.findings.length = before.findings;
      output.undecided.length = before.undecided;
      output.errors.push({ file: enabledIn.path, kind: 'internal', message: failure });
    }
  }
  return output;
}

type ContextHelpers = Pick<RuleContext, 'evaluate' | 'existence' | 'memo' | 'attributeValue' | 'plannedArgument'> & { module: Module; files: SourceFile[] };

/**
 * What every rule's context over one module instance shares, made once per evaluator: a module instance
 * runs each rule on its own (InstanceRuns), so making these per run made tens of thousands of closures per review.
 */
const helpers = new WeakMap<ModuleEvaluator, ContextHelpers>();

function helpersOf(module: Module, evaluator: ModuleEvaluator): ContextHelpers {
  const known = helpers.get(evaluator);
  if (known && known.module === module) return known;
  const made: ContextHelpers = {
    module,
    files: module.varFiles.length ? [...module.files, ...module.varFiles] : module.files,
    existence: (expr, file, scope) => evaluateExistence(evaluator, expr, file, scope),
    evaluate: (expr, file, scope) => evaluator.evaluate(expr, file, scope),
    memo: (key, compute) => evaluator.memo(key, compute),
    attributeValue: (block, file, name) => evaluator.attributeValue(block, file, name),
    plannedArgument: (block, name, scope, absentBlock) => evaluator.plannedArgument(block, name, scope, absentBlock),
  };
  helpers.set(evaluator, made);
  return made;
}

/** Facts a view's rules share among themselves, under keys of their own: still counted as reading what they read. */
function viewMemo(evaluator: ModuleEvaluator): RuleContext['memo'] {
  const keys = new Map<object, object>();
  return (key, compute) => {
    let own = keys.get(key);
    if (!own) keys.set(key, (own = {}));
    return evaluator.memo(own, compute);
  };
}

/** `…, when var.create is true`: the message of a finding whose block exists only under assumed conditions. */
function withWhen(message: string, when: readonly string[]): string {
  if (!when.length) return message;
  return `${message.replace(/\.$/, '')}, when ${when.join(' and ')}`;
}

/** `finding.fix` computed on first read, then stored as a plain property. */
function defineLazyFix(finding: Finding, compute: () => Fix | undefined): void {
  Object.defineProperty(finding, 'fix', {
    enumerable: true,
    configurable: true,
    get() {
      const fix = compute();
      Object.defineProperty(finding, 'fix', { value: fix, enumerable: true, configurable: true, writable: true });
      return fix;
    },
  });
}

/**
 * A severity set in the user's config wins; otherwise the rule's per-finding
 * severity (e.g. `*` vs `s3:*`) or the preset's; the `strict` preset raises
 * everything to at least warning (SPEC §5).
 */
export function finalSeverity(setting: EffectiveRuleSetting, perFinding: Severity | undefined, strict: boolean): Severity {
  const configured = setting.severity as Severity;
  if (setting.severityFromConfig) return configured;
  const severity = perFinding ?? configured;
  return strict && SEVERITY_RANK[severity] < SEVERITY_RANK.warning ? 'warning' : severity;
}
