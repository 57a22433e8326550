import type { Attribute, Block, Expression, SourceFile, TemplatePart } from '../parse/ast.js';
import { changesValues, convertToShape, shapeOf } from './type-conversion.js';
import { SPLAT_ITEM } from '../parse/ast.js';
import type { Location } from '../range.js';
import type { FileHost } from '../host.js';
import type { Module } from '../model/module.js';
import { tickRuleBudget } from '../time-budget.js';
import { EMPTY_SCOPE, extendScope, type Scope } from './scope.js';
import { callFunction, type FunctionHost } from './functions.js';
import { applyBinary, applyUnary } from './operators.js';
import type { ExistenceRecorder } from './existence.js';
import type { PlannedModule } from '../plan/planned-module.js';
import { PLANNED_UNKNOWN } from '../plan/plan-value.js';
import { TIMINGS, timed } from '../timings.js';
import {
  asString,
  bool,
  object,
  str,
  tuple,
  unknown,
  type ObjectValue,
  type UnknownValue,
  type Value,
} from './value.js';

/**
 * Variable defaults by declaration: Terraform requires a default to be a
 * literal value (no references, no calls), so it is the same in every
 * instance of the module and is evaluated once (a module called from many
 * places often has large default maps).
 */
const defaultValues = new WeakMap<Block, Value | null>();

/** Resource-attribute roots that are never statically known. */
const APPLY_TIME_ROOTS = new Set(['self', 'count', 'each']);

/**
 * Where a module instance sits in the workspace's graph of modules (SPEC §2a):
 * what its caller passes, and what its own module calls return.
 */
export interface CallContext {
  /**
   * Set when a caller evaluates this module: the value the caller passes for
   * `var.<name>`, or undefined when the caller omits the argument (the
   * variable's default applies).
   */
  callerValue?(name: string): Value | undefined;
  /** `module.<name>`: the outputs of that call (an object; a tuple or object of them with count / for_each), or undefined when the call is not followed. */
  moduleValue?(name: string): Value | undefined;
  /**
   * `module.<name>.<output>` of a call with one instance: that output alone (a caller that reads one output of a
   * large module need not evaluate the others). Undefined when this is not such a call or output; then
   * `moduleValue` answers.
   */
  moduleOutput?(name: string, output: string): Value | undefined;
  /**
   * Plan-aware review (SPEC §10): what the plan says about this module
   * instance. Where the code does not know an argument's value or a
   * resource's attributes, the plan's value is taken; what the plan leaves
   * unknown stays unknown.
   */
  planned?: PlannedModule;
}

/**
 * Resolves expressions of one module statically (SPEC §2). Pure apart from
 * reading files for file()/templatefile() through the FileHost; memoises
 * locals and variables; never loops on cycles.
 */
export class ModuleEvaluator {
  private readonly localCache = new Map<string, Value>();
  /** Locals whose value depends on an input (a variable or a child module's output): reading them is reading an input. */
  private readonly inputDependentLocals = new Set<string>();
  private readonly localsInProgress: string[] = [];
  private readonly variableCache = new Map<string, Value>();
  private readonly moduleCache = new Map<string, Value>();
  private readonly memos = new WeakMap<object, { value: unknown; readsInputs: boolean }>();
  private readonly functionHost: FunctionHost;
  /**
   * How many times evaluation read something a caller can change (a
   * variable, a child module's output). A rule that reads none gives the same
   * result under every caller, so it need not run again per call.
   */
  inputReads = 0;
  /**
   * Set only while existence.ts evaluates a `count` / `for_each`: an unknown
   * condition that decides only *whether* elements exist is then assumed to
   * let them exist, and recorded (SPEC §2a, conditional existence).
   */
  existence: ExistenceRecorder | undefined = undefined;

  constructor(
    readonly module: Module,
    host: FileHost,
    private readonly context: CallContext = {},
  ) {
    this.functionHost = {
      host,
      baseDir: module.dir,
      evaluate: (expr, file, scope) => this.evaluate(expr, file, scope),
    };
  }

  /** What the plan says about this module instance (SPEC §10); undefined without a plan. */
  get planned(): PlannedModule | undefined {
    return this.context.planned;
  }

  evaluate(expr: Expression, file: SourceFile, scope: Scope = EMPTY_SCOPE): Value {
    // `npm run bench`'s breakdown: the outermost evaluation of a recursion is timed, the rest counts depth only.
    if (TIMINGS.on && TIMINGS.top !== 'evaluate') return timed('evaluate', () => this.evaluate(expr, file, scope));
    const value = this.evaluateCode(expr, file, scope);
    const planned = this.context.planned;
    if (!planned || this.codeOnly) return value;
    return planned.fill(expr, scope, value, this.module, (e, f, s) => this.withoutPlan(() => this.evaluate(e, f, s))) ?? value;
  }

  /**
   * An argument the code does not set, as the plan has it for the instance
   * `scope` is about (SPEC §10): undefined without a plan, or when the plan
   * does not say. See PlannedModule.argument.
   */
  plannedArgument(block: Block, name: string, scope: Scope = EMPTY_SCOPE, absentBlock?: string): Value | undefined {
    const planned = this.context.planned;
    if (!planned) return undefined;
    return planned.argument(this.module, block, name, scope, (e, f, s) => this.withoutPlan(() => this.evaluate(e, f, s)), absentBlock);
  }

  /** Set while evaluating from the code alone (recognising which planned element a nested block is). */
  private codeOnly = false;

  private withoutPlan<T>(fn: () => T): T {
    const saved = this.codeOnly;
    this.codeOnly = true;
    try {
      return fn();
    } finally {
      this.codeOnly = saved;
    }
  }

  private evaluateCode(expr: Expression, file: SourceFile, scope: Scope): Value {
    // Every rule's evaluation passes here: the cooperative check of its time budget.
    tickRuleBudget();
    switch (expr.kind) {
      case 'Literal':
        if (expr.value === null) return { kind: 'null', origin: locationOf(file, expr) };
        return typeof expr.value === 'number'
          ? { kind: 'number', value: expr.value, origin: locationOf(file, expr) }
          : bool(expr.value, locationOf(file, expr));
      case 'Template':
        return this.evaluateTemplate(expr.parts, file, scope, locationOf(file, expr));
      case 'Tuple':
        return tuple(
          expr.items.map((item) => this.evaluate(item, file, scope)),
          locationOf(file, expr),
        );
      case 'Object': {
        const entries = new Map<string, Value>();
        for (const item of expr.items) {
          let key: string | undefined;
          if (item.keyIsIdentifier && item.key.kind === 'Variable') key = item.key.name;
          else {
            const k = this.evaluate(item.key, file, scope);
            if (k.kind === 'unknown') return unknown(`a map key is not known statically (${k.reason})`, locationOf(file, expr));
            key = asString(k);
            if (key === undefined) return unknown('a map key is not a string', locationOf(file, expr));
          }
          entries.set(key, this.evaluate(item.value, file, scope));
        }
        return object(entries, locationOf(file, expr));
      }
      case 'Paren':
        return this.evaluate(expr.expr, file, scope);
      case 'Variable':
        return this.evaluateRoot(expr.name, file, scope, locationOf(file, expr));
      case 'GetAttr':
        return this.evaluateGetAttr(expr, file, scope, locationOf(file, expr));
      case 'Index': {
        const target = this.evaluate(expr.object, file, scope);
        const index = this.evaluate(expr.index, file, scope);
        return indexValue(target, index, locationOf(file, expr));
      }
      case 'Splat': {
        const target = this.evaluate(expr.object, file, scope);
        if (target.kind === 'unknown') return target;
        const items = target.kind === 'tuple' ? target.items : target.kind === 'null' ? [] : [target];
        return tuple(
          items.map((item) => this.evaluate(expr.each, file, extendScope(scope, { [SPLAT_ITEM]: item }))),
          locationOf(file, expr),
        );
      }
      case 'Call':
        return callFunction(expr, file, scope, this.functionHost, locationOf(file, expr));
      case 'Conditional': {
        const cond = this.evaluate(expr.cond, file, scope);
        if (cond.kind === 'bool') return this.evaluate(cond.value ? expr.then : expr.else, file, scope);
        if (cond.kind === 'unknown') {
          return this.existence?.assumeBranch(expr, file, scope, cond) ?? unknown(`depends on a condition that is not known statically (${cond.reason})`, locationOf(file, expr));
        }
        return failed('the condition is not a bool', locationOf(file, expr));
      }
      case 'Binary':
        return applyBinary(expr.op, this.evaluate(expr.left, file, scope), this.evaluate(expr.right, file, scope), locationOf(file, expr));
      case 'Unary':
        return applyUnary(expr.op, this.evaluate(expr.operand, file, scope), locationOf(file, expr));
      case 'For':
        return this.evaluateFor(expr, file, scope, locationOf(file, expr));
      case 'Invalid':
        return failed('the expression has a syntax error', locationOf(file, expr));
    }
  }

  /**
   * A fact derived by evaluation (a module's policy documents, …), computed
   * once per evaluator under `key`. Reading it again counts the inputs its
   * computation read, so a rule that only reads the cached fact still depends
   * on its callers when the fact does.
   */
  memo<T>(key: object, compute: () => T): T {
    const hit = this.memos.get(key);
    if (hit) {
      if (hit.readsInputs) this.inputReads++;
      return hit.value as T;
    }
    const before = this.inputReads;
    const value = compute();
    this.memos.set(key, { value, readsInputs: this.inputReads !== before });
    return value;
  }

  /** Evaluates attribute `name` of a block, or undefined when the block does not set it. */
  attributeValue(block: Block, file: SourceFile, name: string, scope: Scope = EMPTY_SCOPE): Value | undefined {
    for (const item of block.body) {
      if (item.kind === 'Attribute' && item.name === name) return this.evaluate(item.expr, file, scope);
    }
    return undefined;
  }

  /** `local.<name>`: evaluated once; a cycle yields unknown instead of looping. */
  localValue(name: string): Value {
    // Existence evaluation assumes values: it has its own cache (existence.ts) so that this one holds none of them.
    if (this.existence) {
      const assumed = this.existence.local(name, () => this.computeLocal(name), () => this.localsInProgress.length > 0);
      if (this.inputDependentLocals.has(name)) this.inputReads++;
      return assumed;
    }
    const cached = this.localCache.get(name);
    if (cached) {
      if (this.inputDependentLocals.has(name)) this.inputReads++;
      return cached;
    }
    const value = this.computeLocal(name);
    // Values computed while a cycle was open may be partial; only cache outside cycles.
    if (this.localsInProgress.length === 0 || value.kind !== 'unknown') this.localCache.set(name, value);
    return value;
  }

  private computeLocal(name: string): Value {
    const local = this.module.locals.get(name);
    if (!local) return failed(`local.${name} is not defined in this module`);
    if (this.localsInProgress.includes(name)) {
      const cycle = [...this.localsInProgress.slice(this.localsInProgress.indexOf(name)), name].map((n) => `local.${n}`);
      return failed(`local.${name} refers to itself (${cycle.join(' → ')})`);
    }
    this.localsInProgress.push(name);
    const readsBefore = this.inputReads;
    let value: Value;
    try {
      value = this.evaluate(local.attribute.expr, local.file);
    } finally {
      this.localsInProgress.pop();
    }
    if (this.inputReads !== readsBefore) this.inputDependentLocals.add(name);
    return value;
  }

  /**
   * `var.<name>`: what the caller passes when a caller evaluates this module
   * (the default when it omits it); else as Terraform loads it in a root
   * module (default, then terraform.tfvars, then *.auto.tfvars in lexical
   * order); in a child module reviewed on its own every variable is an input
   * its callers decide, so unknown.
   */
  variableValue(name: string): Value {
    this.inputReads++;
    const cached = this.variableCache.get(name);
    if (cached) return cached;
    const value = this.resolveVariable(name);
    this.variableCache.set(name, value);
    return value;
  }

  private resolveVariable(name: string): Value {
    const declared = this.module.variables.get(name);
    if (!declared) return failed(`var.${name} is not declared in this module`);
    if (this.context.callerValue) return this.callerVariable(name, declared);
    if (!this.module.isRoot) {
      return unknown(`var.${name} is an input of this child module: its callers decide the value`);
    }
    let value: Value | undefined = this.defaultOf(declared);
    for (const varFile of this.module.varFiles) {
      for (const item of varFile.body) {
        if (item.kind === 'Attribute' && item.name === name) value = this.evaluate(item.expr, varFile, EMPTY_SCOPE); // tfvars hold constants: references are unknown
      }
    }
    return value ?? unknown(`var.${name} has no default and is not set in a .tfvars file: it is given at plan time`);
  }

  /** A variable of a module its caller evaluates: the caller's value, else the default (Terraform also uses the default for null when `nullable = false`). */
  private callerVariable(name: string, declared: { block: Block; file: SourceFile }): Value {
    const passed = this.convertToType(this.context.callerValue!(name), declared);
    if (passed === undefined) {
      return this.defaultOf(declared) ?? failed(`var.${name} has no default and the caller does not set it (Terraform requires it)`);
    }
    if (passed.kind === 'null') {
      const nullable = this.attributeValue(declared.block, declared.file, 'nullable', EMPTY_SCOPE);
      if (nullable?.kind === 'bool' && !nullable.value) return this.defaultOf(declared) ?? passed;
    }
    return passed;
  }

  /** A value a caller passes, converted by the variable's `type` as Terraform does (optional attributes filled in). */
  private convertToType(value: Value | undefined, declared: { block: Block; file: SourceFile }): Value | undefined {
    if (value === undefined || value.kind === 'unknown') return value;
    const type = declared.block.body.find((i): i is Attribute => i.kind === 'Attribute' && i.name === 'type');
    if (!type) return value;
    const shape = shapeOf(type.expr);
    if (!changesValues(shape)) return value;
    return convertToShape(value, shape, (expr) => this.evaluate(expr, declared.file, EMPTY_SCOPE));
  }

  /** A variable's default, evaluated once per declaration (see `defaultValues`); undefined without one. */
  private defaultOf(declared: { block: Block; file: SourceFile }): Value | undefined {
    let value = defaultValues.get(declared.block);
    if (value === undefined) {
      const written = this.attributeValue(declared.block, declared.file, 'default', EMPTY_SCOPE);
      value = (written && this.convertToType(written, declared)) ?? null;
      defaultValues.set(declared.block, value);
    }
    return value ?? undefined;
  }

  /** `module.<name>` as a value, when the workspace follows that call. */
  private moduleValue(name: string, origin: Location): Value {
    this.inputReads++;
    const cached = this.moduleCache.get(name);
    if (cached) return cached;
    const value = this.context.moduleValue?.(name) ?? unknown(`module.${name} outputs are known only after the child module is evaluated`, origin);
    this.moduleCache.set(name, value);
    return value;
  }

  private evaluateRoot(name: string, _file: SourceFile, scope: Scope, origin: Location): Value {
    const bound = scope.get(name);
    if (bound) return bound;
    // A value a plan leaves unknown, in a module built from the plan (plan/planned-stand-in.ts).
    if (name.startsWith(PLANNED_UNKNOWN)) return unknown(name.slice(PLANNED_UNKNOWN.length), origin);
    switch (name) {
      case 'var':
      case 'local':
      case 'path':
      case 'module':
      case 'data':
      case 'terraform':
        return unknown(`\`${name}\` used without an attribute`, origin);
      default:
        if (APPLY_TIME_ROOTS.has(name)) return unknown(`${name} is known only during plan`, origin);
        return unknown(`${name} refers to a resource: known only after apply`, origin);
    }
  }

  private evaluateGetAttr(
    expr: Extract<Expression, { kind: 'GetAttr' }>,
    file: SourceFile,
    scope: Scope,
    origin: Location,
  ): Value {
    const root = expr.object.kind === 'Variable' && !scope.has(expr.object.name) ? expr.object.name : undefined;
    if (root !== undefined) {
      switch (root) {
        case 'var':
          return this.variableValue(expr.name);
        case 'local':
          return this.localValue(expr.name);
        case 'path':
          if (expr.name === 'module' || expr.name === 'root') return str(this.module.dir, origin);
          if (expr.name === 'cwd') return unknown('path.cwd depends on where Terraform runs', origin);
          return failed(`path.${expr.name} does not exist`, origin);
        case 'terraform':
          return unknown(`terraform.${expr.name} is known only when Terraform runs`, origin);
        case 'count':
        case 'each':
        case 'self':
          return unknown(`${root}.${expr.name} is known only during plan`, origin);
        case 'module':
          return this.moduleValue(expr.name, origin);
        case 'data':
          return unknown(`data.${expr.name} is read at plan time`, origin);
        default:
          return this.plannedResource(`${root}.${expr.name}`, origin) ?? unknown(`${root}.${expr.name} is a resource: its attributes are known only after apply`, origin);
      }
    }
    // `module.<call>.<output>`: that output alone, when the call has one instance (the same value the whole
    // object would hold). With a plan, the object goes through the plan's values first: the long way.
    if (expr.object.kind === 'GetAttr' && expr.object.object.kind === 'Variable' && expr.object.object.name === 'module' && !scope.has('module') && !this.context.planned) {
      const output = this.context.moduleOutput?.(expr.object.name, expr.name);
      if (output !== undefined) {
        this.inputReads++;
        return output;
      }
    }
    // `data.<type>.<name>`: what the plan read, when it has it.
    if (expr.object.kind === 'GetAttr' && expr.object.object.kind === 'Variable' && expr.object.object.name === 'data' && !scope.has('data')) {
      const planned = this.plannedResource(`data.${expr.object.name}.${expr.name}`, origin);
      if (planned) return planned;
    }
    const target = this.evaluate(expr.object, file, scope);
    if (target.kind === 'unknown') {
      return target.reason.includes('known only after apply') || target.reason.includes('read at plan time')
        ? unknown(`${traversalText(expr)} is known only after apply`, origin)
        : target;
    }
    if (target.kind === 'object') {
      const v = target.entries.get(expr.name);
      return v ?? failed(`the object has no attribute "${expr.name}"`, origin);
    }
    if (target.kind === 'null') return failed(`attempt to get attribute "${expr.name}" of null`, origin);
    return failed(`cannot get attribute "${expr.name}" of a ${target.kind}`, origin);
  }

  /** A resource or data source of this module as the plan has it (SPEC §10), or undefined. */
  private plannedResource(address: string, origin: Location): Value | undefined {
    const planned = this.context.planned;
    if (!planned || this.codeOnly) return undefined;
    const resource = this.module.byAddress.get(address);
    if (!resource || !('mode' in resource)) return undefined;
    const value = planned.resourceValue(resource);
    return value && { ...value, origin };
  }

  private evaluateTemplate(parts: TemplatePart[], file: SourceFile, scope: Scope, origin: Location): Value {
    // "${x}" alone yields x itself, with its type, as in HCL.
    if (parts.length === 1 && parts[0]!.kind === 'TemplateInterpolation') {
      return this.evaluate(parts[0]!.expr, file, scope);
    }
    const out = this.renderTemplate(parts, file, scope);
    return typeof out === 'string' ? str(out, origin) : { ...out, origin: out.origin ?? origin };
  }

  /** Renders template parts to a string, or the first unknown that stops it. */
  renderTemplate(parts: TemplatePart[], file: SourceFile, scope: Scope): string | UnknownValue {
    let text = '';
    for (const part of parts) {
      switch (part.kind) {
        case 'TemplateLiteral':
          text += part.value;
          break;
        case 'TemplateInterpolation': {
          const v = this.evaluate(part.expr, file, scope);
          if (v.kind === 'unknown') return v;
          const s = asString(v);
          if (s === undefined) return failed(`cannot interpolate a ${v.kind} into a string`);
          text += s;
          break;
        }
        case 'TemplateIf': {
          const cond = this.evaluate(part.cond, file, scope);
          if (cond.kind === 'unknown') return cond;
          if (cond.kind !== 'bool') return failed('template condition is not a bool');
          const branch = cond.value ? part.then : (part.else ?? []);
          const rendered = this.renderTemplate(branch, file, scope);
          if (typeof rendered !== 'string') return rendered;
          text += rendered;
          break;
        }
        case 'TemplateFor': {
          const coll = this.evaluate(part.collection, file, scope);
          if (coll.kind === 'unknown') return coll;
          for (const [k, v] of iterate(coll)) {
            const bindings: Record<string, Value> = { [part.valueVar]: v };
            if (part.keyVar) bindings[part.keyVar] = k;
            const rendered = this.renderTemplate(part.body, file, extendScope(scope, bindings));
            if (typeof rendered !== 'string') return rendered;
            text += rendered;
          }
          break;
        }
      }
    }
    return text;
  }

  private evaluateFor(
    expr: Extract<Expression, { kind: 'For' }>,
    file: SourceFile,
    scope: Scope,
    origin: Location,
  ): Value {
    const coll = this.evaluate(expr.collection, file, scope);
    if (coll.kind === 'unknown') return unknown(`iterates over a value that is not known statically (${coll.reason})`, origin);
    if (coll.kind !== 'tuple' && coll.kind !== 'object') return failed(`cannot iterate over a ${coll.kind}`, origin);
    const items: Value[] = [];
    const entries = new Map<string, Value>();
    const groups = new Map<string, Value[]>();
    for (const [k, v] of iterate(coll)) {
      const bindings: Record<string, Value> = { [expr.valueVar]: v };
      if (expr.keyVar) bindings[expr.keyVar] = k;
      const inner = extendScope(scope, bindings);
      if (expr.cond) {
        const c = this.evaluate(expr.cond, file, inner);
        if (c.kind === 'unknown') {
          if (!this.existence?.assumeFilter(expr.cond, file, inner)) return unknown(`a for-expression filter is not known statically (${c.reason})`, origin);
        } else if (c.kind !== 'bool') return failed('a for-expression filter is not a bool', origin);
        else if (!c.value) continue;
      }
      const value = this.evaluate(expr.valueExpr, file, inner);
      if (expr.result === 'tuple') {
        items.push(value);
        continue;
      }
      const key = this.evaluate(expr.keyExpr!, file, inner);
      if (key.kind === 'unknown') return unknown(`a for-expression key is not known statically (${key.reason})`, origin);
      const ks = asString(key);
      if (ks === undefined) return failed('a for-expression key is not a string', origin);
      if (expr.grouping) {
        const g = groups.get(ks) ?? [];
        g.push(value);
        groups.set(ks, g);
      } else {
        if (entries.has(ks)) return failed(`duplicate key "${ks}" in a for-expression`, origin);
        entries.set(ks, value);
      }
    }
    if (expr.result === 'tuple') return tuple(items, origin);
    if (expr.grouping) for (const [k, g] of groups) entries.set(k, tuple(g));
    return object(entries, origin);
  }
}

/** Pairs (key, value) in Terraform's iteration order: lists by index, maps by lexical key order. */
export function iterate(v: Value): Array<[Value, Value]> {
  if (v.kind === 'tuple') return v.items.map((item, i) => [{ kind: 'number', value: i }, item]);
  if (v.kind === 'object') {
    return [...v.entries.keys()].sort().map((k) => [str(k), (v as ObjectValue).entries.get(k)!]);
  }
  return [];
}

export function indexValue(target: Value, index: Value, origin?: Location): Value {
  if (target.kind === 'unknown') return target;
  if (index.kind === 'unknown') return unknown(`the index is not known statically (${index.reason})`, origin);
  if (target.kind === 'tuple') {
    const i = index.kind === 'number' ? index.value : index.kind === 'string' ? Number(index.value) : NaN;
    if (!Number.isInteger(i) || i < 0 || i >= target.items.length) return failed('index out of range', origin);
    return target.items[i]!;
  }
  if (target.kind === 'object') {
    const key = asString(index);
    if (key === undefined) return failed('a map key must be a string', origin);
    return target.entries.get(key) ?? failed(`the map has no element "${key}"`, origin);
  }
  return failed(`cannot index a ${target.kind}`, origin);
}

function locationOf(file: SourceFile, expr: Expression): Location {
  return { file: file.path, range: expr.range };
}

export function failed(reason: string, origin?: Location): UnknownValue {
  const v: UnknownValue = { kind: 'unknown', reason, failed: true };
  if (origin) v.origin = origin;
  return v;
}

function traversalText(expr: Expression): string {
  switch (expr.kind) {
    case 'Variable':
      return expr.name;
    case 'GetAttr':
      return `${traversalText(expr.object)}.${expr.name}`;
    case 'Index':
      return `${traversalText(expr.object)}[…]`;
    default:
      return '(expression)';
  }
}
