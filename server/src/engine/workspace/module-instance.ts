import type { Module, ModuleCallRef, ProviderConfigRef, ProviderKey } from '../model/module.js';
import { providerConfigFor } from '../model/build-module.js';
import type { Expression, SourceFile } from '../parse/ast.js';
import { passedProvider } from './passed-providers.js';
import { ModuleEvaluator } from '../evaluate/evaluator.js';
import type { Scope } from '../evaluate/scope.js';
import { object, tuple, unknown, type Value } from '../evaluate/value.js';
import { evaluateExistence, instances } from '../evaluate/existence.js';
import { findAttribute } from '../rules/rule.js';
import type { ModuleGraph } from './module-graph.js';

/** How a module instance was reached: the instance that calls it, the call, and the call's instance key. */
export interface CallStep {
  parent: ModuleInstance;
  call: ModuleCallRef;
  /** `count.index` / `each` bound for this instance of the call. */
  scope: Scope;
  /** `[0]`, `["a"]`, or undefined when the call has one instance (or its instances are not known). */
  key?: string;
}

/**
 * A module evaluated in one place of the workspace's graph (SPEC §2a): on its
 * own (no step), or as the callee of a call, with the caller's arguments as
 * its variables. Its own module calls are followed lazily, when something
 * reads `module.<name>` or a review walks its children.
 */
export class ModuleInstance {
  readonly evaluator: ModuleEvaluator;
  private readonly children = new Map<string, ModuleInstance[]>();

  constructor(
    readonly module: Module,
    readonly graph: ModuleGraph,
    readonly step?: CallStep,
    /** Evaluated from the code alone even on a planned call chain (what a finding would be without the plan, SPEC §10). */
    readonly codeOnly: boolean = step?.parent.codeOnly ?? false,
  ) {
    const callerValue = step ? (name: string) => this.callerArgument(name) : undefined;
    const planned = graph.plannedFor(this);
    this.evaluator = new ModuleEvaluator(module, graph.host, {
      ...(callerValue ? { callerValue } : {}),
      ...(planned ? { planned } : {}),
      moduleValue: (name) => this.moduleValue(name),
      moduleOutput: (name, output) => this.moduleOutput(name, output),
    });
  }

  /** The instances from the outermost caller down to this one. */
  get chain(): ModuleInstance[] {
    const out: ModuleInstance[] = [];
    for (let i: ModuleInstance | undefined = this; i; i = i.step?.parent) out.unshift(i);
    return out;
  }

  get root(): ModuleInstance {
    let i: ModuleInstance = this;
    while (i.step) i = i.step.parent;
    return i;
  }

  /** `module.db["a"].module.kms`: this instance's address from the outermost caller ('' for the outermost). */
  get addressPrefix(): string {
    const parts: string[] = [];
    for (let i: ModuleInstance | undefined = this; i?.step; i = i.step.parent) parts.unshift(`module.${i.step.call.name}${i.step.key ?? ''}`);
    return parts.join('.');
  }

  private blind?: boolean;

  /**
   * True when this instance's caller decides nothing: every variable of the
   * module is unknown here, and no module up the chain configures a
   * provider it could pass on. The instance then reads exactly like the
   * module on its own (whose variables are unknown too), and so does
   * everything it calls: a review of callers can take the module's own
   * review instead of evaluating it again (a wrapper passing `each.value.*`
   * of an unknown `for_each` is the common case).
   */
  get decidesNothing(): boolean {
    if (this.blind !== undefined) return this.blind;
    this.blind = false;
    // The plan decides what the caller does not (SPEC §10).
    if (!this.step || this.evaluator.planned) return false;
    for (let i: ModuleInstance | undefined = this.step.parent; i; i = i.step?.parent) {
      if (i.module.providers.some((p) => p.block.body.some((item) => !(item.kind === 'Attribute' && item.name === 'alias')))) return false;
    }
    for (const name of this.module.variables.keys()) {
      if (this.evaluator.variableValue(name).kind !== 'unknown') return false;
    }
    return (this.blind = true);
  }

  /** The instances of one of this module's calls (none when the call is not followed: not local, not installed, a cycle, too deep). */
  childrenOf(call: ModuleCallRef): ModuleInstance[] {
    let list = this.children.get(call.name);
    if (!list) {
      list = this.graph.followCall(this, call) ?? [];
      this.children.set(call.name, list);
    }
    return list;
  }

  /** Every followed child instance, call by call. */
  allChildren(): ModuleInstance[] {
    return this.module.moduleCalls.flatMap((call) => this.childrenOf(call));
  }

  /**
   * The instances of a call, evaluated in this (the calling) instance, by
   * the one instance policy of every block (conditional existence included:
   * `count = var.create ? 1 : 0` is one instance).
   */
  callInstanceScopes(call: ModuleCallRef): Array<{ scope: Scope; key?: string }> {
    const evaluator = this.evaluator;
    const planned = evaluator.planned;
    const ctx = {
      ...(planned ? { planned } : {}),
      evaluate: evaluator.evaluate.bind(evaluator),
      existence: (expr: Parameters<typeof evaluateExistence>[1], file: Parameters<typeof evaluateExistence>[2], scope?: Scope) =>
        evaluateExistence(evaluator, expr, file, scope),
    };
    return instances(ctx, call.block, call.file).map(({ scope }) => {
      const index = scope.get('count');
      const each = scope.get('each');
      const i = index?.kind === 'object' ? index.entries.get('index') : undefined;
      if (i?.kind === 'number') return { scope, key: `[${i.value}]` };
      const key = each?.kind === 'object' ? each.entries.get('key') : undefined;
      return key?.kind === 'string' ? { scope, key: `[${JSON.stringify(key.value)}]` } : { scope };
    });
  }

  /**
   * The provider configuration this instance's caller passes for `key`
   * (SPEC §2a: a child module uses its callers' configurations), followed up
   * the chain while a caller only passes on what it was given; with a way
   * to evaluate it where it is written. Undefined on its own (no caller) or
   * when nothing configures it. Counts as reading an input: callers decide it.
   */
  callerProvider(key: ProviderKey): { config: ProviderConfigRef; evaluate: (expr: Expression, file: SourceFile) => Value } | undefined {
    this.evaluator.inputReads++;
    if (!this.step) return undefined;
    const { parent, call } = this.step;
    const parentKey = passedProvider(call, key);
    if (!parentKey) return undefined;
    const own = providerConfigFor(parent.module, parentKey);
    const configured = own?.block.body.some((item) => !(item.kind === 'Attribute' && item.name === 'alias'));
    if (own && configured) return { config: own, evaluate: (expr, file) => parent.evaluator.evaluate(expr, file) };
    return parent.module.isRoot && !own ? undefined : parent.callerProvider(parentKey);
  }

  /** `var.<name>` as the caller passes it; undefined when the call omits the argument. */
  private callerArgument(name: string): Value | undefined {
    const { parent, call, scope } = this.step!;
    const attr = findAttribute(call.block, name);
    return attr ? parent.evaluator.evaluate(attr.expr, call.file, scope) : undefined;
  }

  /** `module.<name>` in this instance: the outputs of the call's instance(s). */
  private moduleValue(name: string): Value | undefined {
    const call = this.module.moduleCalls.find((c) => c.name === name);
    if (!call) return undefined;
    const instances = this.childrenOf(call);
    if (instances.length === 0) return undefined;
    if (findAttribute(call.block, 'count')) return tuple(instances.map((i) => i.outputs()));
    if (findAttribute(call.block, 'for_each')) {
      if (instances.some((i) => i.step?.key === undefined)) return unknown(`the for_each of module.${name} is not known statically`);
      return object(new Map(instances.map((i) => [JSON.parse(i.step!.key!.slice(1, -1)) as string, i.outputs()])));
    }
    return instances[0]!.outputs();
  }

  /** `module.<name>.<output>` when the call has one instance and its module declares the output; else undefined. */
  private moduleOutput(name: string, output: string): Value | undefined {
    const call = this.module.moduleCalls.find((c) => c.name === name);
    if (!call || findAttribute(call.block, 'count') || findAttribute(call.block, 'for_each')) return undefined;
    const instances = this.childrenOf(call);
    return instances.length === 1 ? instances[0]!.outputValue(output) : undefined;
  }

  private outputValues?: Value;
  /** Outputs evaluated one by one (outputValue), each at most once; IN_PROGRESS while being evaluated. */
  private readonly outputCache = new Map<string, Value>();

  /** The module's outputs as one object, evaluated in this instance. */
  outputs(): Value {
    if (this.outputValues) return this.outputValues;
    // Read while an output of this instance is being evaluated (a cycle through the caller): unknown, not a loop.
    for (const v of this.outputCache.values()) if (v === IN_PROGRESS) return IN_PROGRESS;
    // A placeholder while evaluating: an output that reads itself through the caller gets unknown, not a loop.
    this.outputValues = IN_PROGRESS;
    const entries = new Map<string, Value>();
    for (const output of this.module.outputs) entries.set(output.name, this.outputCache.get(output.name) ?? this.evaluateOutput(output));
    return (this.outputValues = object(entries));
  }

  /**
   * One output, as `outputs()` holds it (the same value object), evaluated alone when the object is not made
   * yet. Undefined when the module declares no such output, or while the whole object is being made.
   */
  outputValue(name: string): Value | undefined {
    if (this.outputValues) return this.outputValues.kind === 'object' ? this.outputValues.entries.get(name) : undefined;
    const cached = this.outputCache.get(name);
    if (cached) return cached;
    // The last declaration wins, as in the object (a duplicate output is an error Terraform reports).
    let output: Module['outputs'][number] | undefined;
    for (const o of this.module.outputs) if (o.name === name) output = o;
    if (!output) return undefined;
    this.outputCache.set(name, IN_PROGRESS);
    const value = this.evaluateOutput(output);
    this.outputCache.set(name, value);
    return value;
  }

  private evaluateOutput(output: Module['outputs'][number]): Value {
    const value = findAttribute(output.block, 'value');
    return value ? this.evaluator.evaluate(value.expr, output.file) : unknown(`output "${output.name}" has no value`);
  }
}

/** An output being evaluated (or all of them): read through a cycle, it is unknown. */
const IN_PROGRESS: Value = unknown('the module outputs refer to themselves');
