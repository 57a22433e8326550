import { braceExpand, Minimatch } from 'minimatch';
import type { Rule, RuleContext, RuleMeta } from '../rules/rule.js';
import { headerRange } from '../rules/rule.js';
import type { Block, SourceFile } from '../parse/ast.js';
import { instances } from '../evaluate/existence.js';
import { setOrInsertAttributeFix } from '../fix/block-edits.js';
import { MAX_GLOB_EXPANSION } from '../config/glob-limits.js';
import { evaluateCondition, type ConditionContext, type Outcome, type Subject } from './conditions.js';
import type { Condition, Policy, PolicyFix } from './policy.js';
import type { Value } from '../evaluate/value.js';
import type { Module } from '../model/module.js';
import { displayValue } from './operators.js';
import { TextMemo } from '../text-memo.js';

/** The checklist label of a policy that gives no `problem`. */
const DEFAULT_PROBLEM = 'policy not met';

/** Policies built into rules, per policy object: a config read once gives the same rules to every module. */
const built = new WeakMap<Policy, Rule>();

/**
 * A policy as a rule (SPEC §11): the same `RuleContext` as the built-in
 * rules, so findings, suppressions, overrides, roles, severities, SARIF,
 * hovers and the checklist treat it like one. It selects blocks by type and
 * `where`, and reports each selected block whose `require` fails in some
 * instance; a block where it depends on an unknown value is an undecided
 * item, never a finding.
 */
export function policyRule(policy: Policy): Rule {
  let rule = built.get(policy);
  if (!rule) built.set(policy, (rule = buildRule(policy)));
  return rule;
}

/** Arguments only the configuration holds: a plan does not record them (SPEC §10), so a module built from a plan has none. */
const META_ARGUMENTS = new Set(['lifecycle', 'count', 'for_each', 'depends_on', 'provider', 'provisioner', 'connection']);

/**
 * Whether any condition of a policy (its `where` and `require`, nested ones
 * included) is one `asks` says yes to; `referencedBy` conditions are asked
 * themselves, then their own `require`.
 */
function anyCondition(policy: Policy, asks: (c: Extract<Condition, { kind: 'test' | 'referencedBy' }>) => boolean): boolean {
  const reads = (c: Condition | undefined): boolean => {
    if (!c) return false;
    switch (c.kind) {
      case 'test':
        return asks(c);
      case 'all':
      case 'any':
        return c.conditions.some(reads);
      case 'not':
        return reads(c.condition);
      case 'referencedBy':
        return asks(c) || reads(c.require);
    }
  };
  return reads(policy.where) || reads(policy.require);
}

/** Whether a policy's conditions read a meta-argument (then it does not judge modules built from a plan). */
function readsMetaArguments(policy: Policy): boolean {
  return anyCondition(policy, (c) => c.kind === 'test' && META_ARGUMENTS.has(c.path.segments[0]?.name ?? ''));
}

/** Whether a policy's conditions ask which blocks refer to the one it judges. */
function readsReferrers(policy: Policy): boolean {
  return anyCondition(policy, (c) => c.kind === 'referencedBy');
}

function buildRule(policy: Policy): Rule {
  const meta: RuleMeta = {
    id: policy.id,
    title: policy.title,
    problem: policy.problem ?? DEFAULT_PROBLEM,
    category: policy.category,
    severity: policy.severity,
    rationale: policy.rationale,
    remediation: policy.remediation,
    equivalents: policy.equivalents ?? {},
    examples: policy.examples ?? { failing: '', passing: '' },
    ...(policy.fix ? { fixable: true } : {}),
    ...(policy.roles ? { roles: policy.roles } : {}),
    ...(readsMetaArguments(policy) ? { readsMetaArguments: true } : {}),
    // A policy judges each block it selects by that block, unless it asks which blocks refer to it
    // (`referencedBy`, which also matches a block named by its literal name: no reference to follow).
    ...(readsReferrers(policy) ? {} : { blockLocal: true }),
  };
  const matcher = typeMatcher(policy.resourceTypes);
  // The blocks it selects in a module, found once per module: a module called from many places is checked once
  // per instance, and its blocks are the same in each.
  const selected = new WeakMap<Module, readonly Target[]>();
  return {
    meta,
    check(ctx) {
      const module = ctx.module;
      let targets = selected.get(module);
      if (!targets) selected.set(module, (targets = selectedBlocks(module, matcher)));
      for (const target of targets) checkBlock(ctx, policy, target);
    },
  };
}

type Target = Omit<Subject, 'instance'>;

/** The blocks of a module whose type key `selects` takes, in the module's order: managed resources, data sources, module calls. */
function selectedBlocks(module: Module, { selects, selectsAny }: TypeMatcher): readonly Target[] {
  // Most policies select no block of most modules: ask about the module's few types before walking its blocks.
  if (!selectsAny(typesOf(module))) return [];
  const targets: Target[] = [];
  for (const r of module.resources) if (r.mode === 'managed' && selects(r.type)) targets.push({ block: r.block, file: r.file, address: r.address, type: r.type, name: r.name });
  for (const r of module.dataSources) if (selects(`data.${r.type}`)) targets.push({ block: r.block, file: r.file, address: r.address, type: r.type, name: r.name });
  if (selects('module')) for (const m of module.moduleCalls) targets.push({ block: m.block, file: m.file, address: m.address, type: 'module', name: m.name });
  return targets;
}

/** The type keys a policy's `resourceTypes` can select in a module: managed types, `data.<type>`, `module`. */
const moduleTypes = new WeakMap<Module, ReadonlySet<string>>();

function typesOf(module: Module): ReadonlySet<string> {
  let types = moduleTypes.get(module);
  if (!types) {
    const keys = new Set<string>();
    for (const r of module.resources) if (r.mode === 'managed') keys.add(r.type);
    for (const r of module.dataSources) keys.add(`data.${r.type}`);
    if (module.moduleCalls.length > 0) keys.add('module');
    moduleTypes.set(module, (types = keys));
  }
  return types;
}

function checkBlock(ctx: RuleContext, policy: Policy, target: Target): void {
  const conditionContext: ConditionContext = ctx;
  let undecided: Extract<Outcome, { kind: 'unknown' }> | undefined;
  for (const instance of instances(ctx, target.block, target.file)) {
    const subject: Subject = { block: target.block, file: target.file, address: target.address, type: target.type, name: target.name, instance };
    if (policy.where) {
      const selected = evaluateCondition(conditionContext, policy.where, subject);
      if (selected.kind === 'fail') continue;
      if (selected.kind === 'unknown') {
        // Selected or not depends on an unknown: it matters only if the requirement could fail.
        const required = evaluateCondition(conditionContext, policy.require, subject);
        if (required.kind !== 'pass') undecided ??= selected;
        continue;
      }
    }
    const outcome: Outcome = evaluateCondition(conditionContext, policy.require, subject);
    if (outcome.kind === 'unknown') {
      undecided ??= outcome;
      continue;
    }
    if (outcome.kind === 'pass') continue;
    ctx.report({
      file: outcome.file,
      range: outcome.range,
      address: target.address,
      message: policy.message
        ? fill(policy.message, { address: target.address, why: outcome.why, value: outcome.value ? hclText(outcome.value) : '' })
        : `${target.address}: ${outcome.why}. ${sentence(policy.title)}`,
      ...(policy.fix ? { fix: fixFor(target.file, target.block, policy.fix) } : {}),
    });
    return;
  }
  if (undecided !== undefined) {
    // Where the value that could not be decided is written, as for a finding.
    ctx.undecided({
      file: undecided.file ?? target.file,
      range: undecided.range ?? headerRange(target.block),
      address: target.address,
      text: policy.undecidedText
        ? fill(policy.undecidedText, { address: target.address, why: undecided.reason })
        : `Check that ${target.address} meets ${policy.id}: ${policy.title}`,
      reason: undecided.reason,
    });
  }
}

function fixFor(file: SourceFile, block: Block, fix: PolicyFix): () => ReturnType<typeof setOrInsertAttributeFix> {
  const text = typeof fix.value === 'string' ? JSON.stringify(fix.value) : String(fix.value);
  return () => setOrInsertAttributeFix(file, block, fix.argument, text, `Set ${fix.argument} = ${text}`);
}

/** A template with its placeholders filled in (the reader allows only known ones). */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}

/** A value as HCL writes it, for `{value}`: strings quoted, numbers and bools as they are. */
function hclText(value: Value): string {
  if (value.kind === 'string') return JSON.stringify(value.value);
  return displayValue(value);
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A glob that can only match itself: word characters, dots and dashes, not starting with a dot (minimatch's dot-file rules). */
const LITERAL_GLOB = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
/** A glob whose only magic is braces (`google_{storage_bucket,pubsub_topic}_iam_member`): it may expand to literals. */
const BRACES_ONLY_GLOB = /^[A-Za-z0-9_][A-Za-z0-9_.,{}-]*$/;

/**
 * The names a glob can only match, as minimatch matches it: a plain type name is itself; braces that expand (as
 * minimatch expands them) to plain names only are those names. Undefined for any other glob.
 */
function namesOf(glob: string): string[] | undefined {
  if (LITERAL_GLOB.test(glob)) return [glob];
  if (!BRACES_ONLY_GLOB.test(glob)) return undefined;
  const names = braceExpand(glob, { braceExpandMax: MAX_GLOB_EXPANSION });
  return names.every((n) => LITERAL_GLOB.test(n)) ? names : undefined;
}

/** Block types a policy's matcher keeps its answer for (a workspace holds a few hundred). */
const TYPE_ANSWERS = 4096;

/** Which block types a policy's resourceTypes select. */
export interface TypeMatcher {
  /** Whether a block type is selected. */
  selects(type: string): boolean;
  /** Whether any of a module's types is. */
  selectsAny(types: ReadonlySet<string>): boolean;
}

/**
 * Whether a block type is selected by any of `globs` (a policy's resourceTypes). Globs that name their types
 * (every shipped policy's) are a set of names, checked against a module's set of types from the smaller
 * side; any other glob is a minimatch object, each a parse of its pattern and a regular expression per
 * expansion (the shipped google IAM glob's 26 took ~2 ms of every start), whose answers are kept.
 */
export function typeMatcher(globs: readonly string[]): TypeMatcher {
  // Built on first use: every rule of the catalog is built at start-up, and most never meet a block.
  let built: { names: ReadonlySet<string>; patterns: Minimatch[] } | undefined;
  const build = () => {
    const names = new Set<string>();
    const patterns: Minimatch[] = [];
    for (const glob of globs) {
      const listed = namesOf(glob);
      if (listed) for (const n of listed) names.add(n);
      else patterns.push(new Minimatch(glob, { braceExpandMax: MAX_GLOB_EXPANSION }));
    }
    return (built = { names, patterns });
  };
  const answers = new TextMemo<boolean>(TYPE_ANSWERS);
  const matchesPattern = (type: string) => (built ?? build()).patterns.some((p) => p.match(type));
  const selects = (type: string) => {
    const { names, patterns } = built ?? build();
    return names.has(type) || (patterns.length > 0 && answers.get(type, matchesPattern));
  };
  return {
    selects,
    selectsAny(types) {
      const { names, patterns } = built ?? build();
      if (patterns.length > 0) {
        for (const type of types) if (selects(type)) return true;
        return false;
      }
      const [small, large] = names.size <= types.size ? [names, types] : [types, names];
      for (const type of small) if (large.has(type)) return true;
      return false;
    },
  };
}
