import type { InputError } from '../finding.js';
import type { Range } from '../range.js';
import type { FileHost } from '../host.js';
import type { Module, ModuleCallRef } from '../model/module.js';
import { headerRange } from '../rules/rule.js';
import { CallTargets } from './call-target.js';
import { cycleError } from './call-cycles.js';
import { localSourceDir } from '../model/local-source.js';
import type { ModuleLoader } from './module-loader.js';
import { ModuleInstance } from './module-instance.js';
import type { PlanContext } from '../plan/plan-context.js';
import { standInModule } from '../plan/planned-stand-in.js';
import { EMPTY_SCOPE } from '../evaluate/scope.js';
import { ownString } from '../own-string.js';
import type { PlannedModule } from '../plan/planned-module.js';

/** A module call with a local source, as far as cycles need it (no syntax tree kept). */
export interface LocalCall {
  name: string;
  /** The directory it calls. */
  target: string;
  /** Where the call is written: its file and block header. */
  file: string;
  range: Range;
}

/** The local calls of each module, by directory. */
export function localCalls(modules: readonly Module[]): Map<string, LocalCall[]> {
  const edges = new Map<string, LocalCall[]>();
  for (const m of modules) {
    const list: LocalCall[] = [];
    for (const call of m.moduleCalls) {
      const target = localSourceDir(m.dir, call);
      // The name a copy (ownString): the calls of every module are kept to the end of a review, its syntax trees are not.
      if (target !== undefined) list.push({ name: ownString(call.name), target, file: call.file.path, range: headerRange(call.block) });
    }
    edges.set(m.dir, list);
  }
  return edges;
}

/**
 * Module instances one call tree creates at most (the calls followed from
 * one module evaluated on its own): `for_each` over a large literal at every
 * level of a 10-deep chain would otherwise multiply them without bound (a
 * pull request controls both). Past it, that tree's calls are not followed
 * (their outputs unknown: nothing is reported that is not proven) and the
 * review says so once. Per tree, not per review: what a module's review
 * says does not depend on how many other modules the workspace holds or
 * which were reviewed first (a workspace of many repositories side by side
 * reads each as it reads it alone, and can be cut into shares for threads).
 */
export const MAX_MODULE_INSTANCES = 5_000;

/**
 * Module instances one review creates at most, over all its call trees: a
 * pull request can add many modules, each at the limit of its tree. Far
 * above what real workspaces create (the ten public module repositories:
 * 631 instances; the 20,000-file workspace: about 7,000), so only a
 * workspace built to exhaust the review meets it; past it, calls are not
 * followed anywhere and the review says so once.
 */
export const MAX_REVIEW_INSTANCES = 100_000;

/** Calls nest at most this deep (SPEC §2a); deeper callees are not followed, their outputs unknown. */
export const MAX_CALL_DEPTH = 10;

/**
 * The workspace's modules as a graph of calls (SPEC §2a): each module on its
 * own, and the instances its calls create, followed through local sources
 * and `terraform init`'s manifest, with cycles detected and reported once.
 */
export class ModuleGraph {
  readonly host: FileHost;
  /** Call cycles found so far, one error per cycle. */
  readonly cycles: InputError[] = [];
  private readonly cycleKeys = new Set<string>();
  private readonly targets: CallTargets;
  private readonly standalones = new Map<Module, ModuleInstance>();
  private instancesCreated = 0;
  /** Instances created under each outermost instance (MAX_MODULE_INSTANCES bounds each). */
  private readonly createdUnder = new WeakMap<ModuleInstance, number>();

  /** Module instances created so far by calls, in all trees (MAX_REVIEW_INSTANCES bounds them). */
  get instanceCount(): number {
    return this.instancesCreated;
  }

  /**
   * A share of a parallel review: told of every instance created, false once all the shares together
   * have passed MAX_REVIEW_INSTANCES — the one-thread review would have stopped following calls
   * somewhere, so the shares cannot be merged, and the graph gives up (`abandoned`) instead of working on.
   */
  instanceBudget?: (added: number) => boolean;
  abandoned = false;
  /** MAX_REVIEW_INSTANCES (a test lowers it: reaching the real one takes 100,000 instances). */
  reviewInstanceLimit = MAX_REVIEW_INSTANCES;

  /** Set once the instance limit is reached: calls followed no further, said once. */
  limitReached?: InputError;
  /** Plan-aware review (SPEC §10): the plan, and the directory of the root module it is a plan of. */
  plan?: { context: PlanContext; rootDir: string };

  constructor(readonly loader: ModuleLoader) {
    this.host = loader.host;
    this.targets = new CallTargets(loader.host);
  }

  /**
   * What the plan says about an instance: only instances on call chains
   * from the plan's root module have planned values (the same module called
   * from elsewhere, or reviewed on its own, is not what was planned).
   */
  plannedFor(instance: ModuleInstance): PlannedModule | undefined {
    if (!this.plan) return undefined;
    let outermost: ModuleInstance = instance;
    while (outermost.step) outermost = outermost.step.parent;
    if (outermost.codeOnly || outermost.module.dir !== this.plan.rootDir) return undefined;
    return this.plan.context.module(instance.addressPrefix);
  }

  private readonly codeOnlyRoots = new Map<Module, ModuleInstance>();

  /**
   * The same instance evaluated from the code alone (no plan values): the
   * instance reached by the same calls and keys from the root evaluated
   * without the plan. Undefined when the code alone does not reach it (keys
   * only the plan knows).
   */
  codeOnlyTwin(instance: ModuleInstance): ModuleInstance | undefined {
    const chain = instance.chain;
    let root = this.codeOnlyRoots.get(chain[0]!.module);
    if (!root) this.codeOnlyRoots.set(chain[0]!.module, (root = new ModuleInstance(chain[0]!.module, this, undefined, true)));
    let current: ModuleInstance = root;
    for (const next of chain.slice(1)) {
      const step = next.step!;
      const match: ModuleInstance | undefined = current.childrenOf(step.call).find((c) => c.step?.key === step.key);
      if (!match) return undefined;
      current = match;
    }
    return current;
  }

  /** The module evaluated on its own: the outermost instance of every call chain that starts at it. */
  standalone(module: Module): ModuleInstance {
    let instance = this.standalones.get(module);
    if (!instance) this.standalones.set(module, (instance = new ModuleInstance(module, this)));
    return instance;
  }

  /** The instances a call creates in `parent`; undefined when the call is not followed. */
  followCall(parent: ModuleInstance, call: ModuleCallRef): ModuleInstance[] | undefined {
    const chain = parent.chain;
    // The chain holds one module more than it has calls: this call is call number chain.length.
    if (chain.length > MAX_CALL_DEPTH) return undefined;
    const keyPath = [...chain.slice(1).map((i) => i.step!.call.name), call.name];
    const target = this.targets.targetOf(parent.module.dir, call, chain[0]!.module.dir, keyPath);
    if (!target) return this.plannedStandIns(parent, call);
    const callee = this.loader.loadDir(target.dir, target.downloaded)?.module;
    if (!callee) return undefined;
    const repeated = chain.findIndex((i) => i.module.dir === callee.dir);
    if (repeated >= 0) {
      this.reportCycle(chain.slice(repeated), call);
      return undefined;
    }
    const scopes = parent.callInstanceScopes(call);
    const created = this.createdUnder.get(chain[0]!) ?? 0;
    if (created + scopes.length > MAX_MODULE_INSTANCES) return this.reachLimit(call, `module calls create more than ${MAX_MODULE_INSTANCES} module instances here`);
    if (this.instancesCreated + scopes.length > this.reviewInstanceLimit) {
      return this.reachLimit(call, `module calls in this review create more than ${this.reviewInstanceLimit} module instances`);
    }
    if (this.instanceBudget && !this.instanceBudget(scopes.length)) {
      this.abandoned = true;
      return undefined;
    }
    this.createdUnder.set(chain[0]!, created + scopes.length);
    this.instancesCreated += scopes.length;
    return scopes.map(({ scope, key }) => new ModuleInstance(callee, this, { parent, call, scope, ...(key !== undefined ? { key } : {}) }, parent.codeOnly));
  }

  /** A limit on instances reached at `call`: its calls are not followed; the first such place is said once. */
  private reachLimit(call: ModuleCallRef, what: string): undefined {
    this.limitReached ??= {
      file: call.file.path,
      range: headerRange(call.block),
      kind: 'module-limit',
      message: `${what}: from module.${call.name} on, calls are not followed and their values stay unknown`,
    };
    return undefined;
  }

  private readonly standIns = new Map<string, Module>();

  /**
   * A call whose code is not read (a registry module not installed), on a
   * planned call chain: one instance per planned instance of the call,
   * built from what the plan says its resources will be (SPEC §10).
   * Undefined when the plan has nothing under the call.
   */
  private plannedStandIns(parent: ModuleInstance, call: ModuleCallRef): ModuleInstance[] | undefined {
    if (!this.plan || !parent.evaluator.planned) return undefined;
    const groups = this.plan.context.resourcesUnder(parent.addressPrefix, parent.chain.length - 1, call.name);
    if (groups.length === 0) return undefined;
    return groups.map((group) => {
      let module = this.standIns.get(group.instanceAddress);
      if (!module) {
        module = standInModule(parent.module.dir, call.file, headerRange(call.block), call.name, group);
        this.standIns.set(group.instanceAddress, module);
      }
      const key = group.instanceAddress.slice(`${parent.addressPrefix ? `${parent.addressPrefix}.` : ''}module.${call.name}`.length);
      return new ModuleInstance(module, this, { parent, call, scope: EMPTY_SCOPE, ...(key ? { key } : {}) }, parent.codeOnly);
    });
  }

  /**
   * Finds the cycles among local calls (a cycle need not be walked by any
   * review: a caller that decides nothing is not evaluated again, and the
   * modules of a cycle all have callers).
   */
  detectCycles(edges: ReadonlyMap<string, readonly LocalCall[]>): void {
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (dir: string): void => {
      state.set(dir, 'open');
      stack.push(dir);
      for (const call of edges.get(dir) ?? []) {
        if (state.get(call.target) === 'open') this.reportCycleOf(stack.slice(stack.indexOf(call.target)), call);
        else if (!state.has(call.target) && edges.has(call.target)) visit(call.target);
      }
      stack.pop();
      state.set(dir, 'done');
    };
    for (const dir of edges.keys()) if (!state.has(dir)) visit(dir);
  }

  /**
   * The module a directory holds is no longer needed: its instance on its own and its files go. The module
   * loaded now, which may be another than the one reviewed (a caller may have loaded it again since).
   */
  forget(dir: string): void {
    const module = this.loader.peek(dir)?.module;
    if (module) this.standalones.delete(module);
    this.loader.forget(dir);
  }

  private reportCycle(loop: ModuleInstance[], closing: ModuleCallRef): void {
    this.reportCycleOf(
      loop.map((i) => i.module.dir),
      { name: closing.name, file: closing.file.path, range: headerRange(closing.block), target: loop[0]!.module.dir },
    );
  }

  private reportCycleOf(dirs: string[], closing: LocalCall): void {
    const key = [...dirs].sort().join('\u0000');
    if (this.cycleKeys.has(key)) return;
    this.cycleKeys.add(key);
    // `dirs` starts at the call's target and ends at the module holding it: the path shown starts and ends there.
    const holder = dirs[dirs.length - 1]!;
    this.cycles.push(cycleError(closing, [holder, ...dirs], this.host.workspaceRoot));
  }
}
