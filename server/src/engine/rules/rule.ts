import type { Attribute, Block, Expression, SourceFile } from '../parse/ast.js';
import type { Fix, RelatedInformation } from '../finding.js';
import type { Range } from '../range.js';
import type { Severity } from '../severity.js';
import type { Module, ProviderConfigRef, ProviderKey } from '../model/module.js';
import type { Value } from '../evaluate/value.js';
import type { Scope } from '../evaluate/scope.js';
import type { ModuleRole } from '../roles/module-role.js';
import type { Existence } from '../evaluate/existence.js';
import type { PlannedModule } from '../plan/planned-module.js';
import type { BlockCarry } from '../incremental/block-carry.js';

/** Declares one option of a rule; drives config validation, the JSON Schema and the docs. */
export interface RuleOptionSpec {
  type: 'boolean' | 'string' | 'string[]' | 'object';
  description: string;
  default: unknown;
  /** JSON Schema refining the value (nested types, `format: 'regex'`): config validation and the config schema use it. */
  schema?: Record<string, unknown>;
}

export interface RuleMeta {
  /** Stable id, `<category>/<name>`. */
  id: string;
  title: string;
  /**
   * The problem in a few plain words (at most 19 characters, no Markdown):
   * what a checklist row says after the address it is about —
   * `aws_db_instance.orders — publicly accessible`.
   */
  problem: string;
  /** The part of the id before `/`. */
  category: string;
  /** Default severity in the `recommended` preset. */
  severity: Severity;
  /** Why the standard exists (shown to users). */
  rationale: string;
  /** How to fix it (shown to users). */
  remediation: string;
  /** Ids of the same check in other tools; also drives tfsec/trivy/checkov suppression comments. */
  equivalents: { tflint?: string[]; trivy?: string[]; tfsec?: string[]; checkov?: string[] };
  options?: Record<string, RuleOptionSpec>;
  /**
   * Terraform that the rule reports / does not report; `options` configures
   * the rule for both (docs show them); `plan` is the plan JSON
   * (`terraform show -json`) each is reviewed with, for rules that read the plan.
   */
  examples: { failing: string; passing: string; options?: Record<string, unknown>; plan?: { failing: string; passing: string } };
  /** True when the rule offers fixes for (some of) its findings. */
  fixable?: boolean;
  /** Rules that run only in diff mode (SPEC §7). */
  diffOnly?: boolean;
  /** Rules that run only with a plan (`--plan`, SPEC §10), on the plan's root module. */
  planOnly?: boolean;
  /**
   * The rule reads what only the configuration says — meta-arguments such as
   * `lifecycle` — which a plan does not record: it does not run on a module
   * built from a plan's values (a registry module whose code is not read).
   */
  readsMetaArguments?: boolean;
  /**
   * The rule judges how a module is written — its declarations, names,
   * literals, version constraints — not the values a deployment of it gets:
   * no caller can change its verdict, so it is not run again with each
   * caller's values (SPEC §2a). A literal a caller writes is the caller's
   * own code, found in the caller.
   */
  writtenCodeOnly?: boolean;
  /**
   * The rule judges each resource and data block by that block alone and
   * the values it reads (evaluated in the whole module) — never by other
   * resource or data blocks, comments or text between blocks — walking them
   * through `module.resources` / `module.dataSources`, and places each
   * finding inside the block it judges or in an item that is not a resource
   * or data block, judged by that item alone. The editor then judges again,
   * after an edit, only the blocks the edit can change
   * (incremental/rule-memory.ts); tests/engine/block-local-rules.test.ts
   * checks the claim after thousands of edits of the fixtures.
   */
  blockLocal?: boolean;
  /**
   * The module roles the rule applies in (SPEC §2a); absent: the defaults
   * roles/rule-roles.ts derives from the id and category. Config can change
   * it per rule (`["warning", { "roles": [...] }]`).
   */
  roles?: readonly ModuleRole[];
}

export interface ReportDescriptor {
  file: SourceFile;
  range: Range;
  message: string;
  address?: string;
  /** Per-finding severity where the rule's meaning varies (e.g. `*` vs `s3:*`); a severity set in config wins. */
  severity?: Severity;
  related?: RelatedInformation[];
  /**
   * The fix, or a function computing it: a function is called only when
   * someone reads `finding.fix` (a code action, `fixable` in JSON output), so
   * a plain check does not pay for edits nobody applies.
   */
  fix?: Fix | (() => Fix | undefined);
}

export interface UndecidedDescriptor {
  file: SourceFile;
  range: Range;
  /** What a human must verify. */
  text: string;
  /** Why the rule could not decide. */
  reason: string;
  address?: string;
}

/** What a rule's `check` receives: the whole module, evaluated on demand, and a way to report. */
export interface RuleContext<O = Record<string, unknown>> {
  readonly module: Module;
  /**
   * The module instance under review (SPEC §2a: a module evaluated on its
   * own, or with one caller's values): facts derived from evaluated values
   * are cached per instance, never per module.
   */
  readonly instance: object;
  /** A fact derived by evaluation, computed once per module instance (see ModuleEvaluator.memo): shared by rules, and still counted as reading what it read. */
  memo<T>(key: object, compute: () => T): T;
  /**
   * In the editor, for a module reviewed on its own: a store (one per `key`)
   * of shared work kept block by block from the last review of the module,
   * given again for the blocks an edit leaves alone (incremental/block-carry.ts).
   * Absent elsewhere: the work is done afresh.
   */
  readonly carried?: <T>(key: object) => BlockCarry<T>;
  /** The module's role (SPEC §2a); `deployment` when the caller did not decide one. */
  readonly role: ModuleRole;
  /**
   * A module evaluated with its caller's values (SPEC §2a): the provider
   * configuration the caller passes for a provider this module uses without
   * configuring it, and how to evaluate it. Absent for a module reviewed on
   * its own.
   */
  readonly callerProvider?: (key: ProviderKey) => { config: ProviderConfigRef; evaluate: (expr: Expression, file: SourceFile) => Value } | undefined;
  /**
   * Plan-aware review (SPEC §10): what the plan says about this module
   * instance — the planned instances of its resources (actions, before,
   * after). The evaluator already takes planned values where the code's are
   * unknown; rules read it for what only the plan shows. Absent without a plan.
   */
  readonly planned?: PlannedModule;
  /**
   * With a plan: an argument the code does not set, as the plan has it for
   * the instance `scope` is about (a provider default, a computed value);
   * `absentBlock` reads a nested block the code does not write. Undefined
   * without a plan or when the plan does not say; unknown where the plan
   * says it is known only after apply.
   */
  plannedArgument(block: Block, name: string, scope?: Scope, absentBlock?: string): Value | undefined;
  /** Diff mode only: the same module at the base of the change (`diffOnly` rules always get it). */
  readonly base?: Module;
  /** Options merged over the rule's defaults. */
  readonly options: O;
  /** Evaluates an expression written in `file` (with optional extra bindings, e.g. `each`). */
  evaluate(expr: Expression, file: SourceFile, scope?: Scope): Value;
  /** Evaluates an attribute of a block, or undefined when the block does not set it. */
  attributeValue(block: Block, file: SourceFile, name: string): Value | undefined;
  /**
   * Evaluates a `count` / `for_each` as existence (SPEC §2a): an unknown
   * condition that only decides whether elements exist is assumed true and
   * returned in `when`. Rules use it through `instances` / `dynamicInstances`
   * (evaluate/existence.ts).
   */
  existence(expr: Expression, file: SourceFile, scope?: Scope): Existence;
  report(descriptor: ReportDescriptor): void;
  undecided(descriptor: UndecidedDescriptor): void;
}

export interface Rule<O = Record<string, unknown>> {
  meta: RuleMeta;
  /**
   * Absent only for rules whose findings an engine pass produces (the
   * `suppression/*` rules come from applying suppression comments).
   */
  check?(context: RuleContext<O>): void;
}

/** Helper so rule files get their option type checked against the metadata. */
export function defineRule<O = Record<string, unknown>>(rule: Rule<O>): Rule<O> {
  return rule;
}

export function findAttribute(block: Block, name: string): Attribute | undefined {
  for (const item of block.body) if (item.kind === 'Attribute' && item.name === name) return item;
  return undefined;
}

export function findBlocks(block: Block, type: string): Block[] {
  const out: Block[] = [];
  for (const item of block.body) if (item.kind === 'Block' && item.type === type) out.push(item);
  return out;
}

/** The range of a block's header (type and labels), where "something is missing" findings go. */
export function headerRange(block: Block): Range {
  const last = block.labels.length ? block.labels[block.labels.length - 1]!.range : block.typeRange;
  return { start: block.typeRange.start, end: last.end };
}
