import { relative } from 'node:path';
import type { InputError } from '../finding.js';
import type { FileHost } from '../host.js';
import type { Module, ModuleCallRef } from '../model/module.js';
import { headerRange } from '../rules/rule.js';
import { CallTargets } from './call-target.js';
import { localSourceDir } from '../model/local-source.js';
import type { ModuleLoader } from './module-loader.js';
import { ModuleInstance } from './module-instance.js';

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

  constructor(readonly loader: ModuleLoader) {
    this.host = loader.host;
    this.targets = new CallTargets(loader.host);
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
    if (!target) return undefined;
    const callee = this.loader.loadDir(target.dir, target.downloaded)?.module;
    if (!callee) return undefined;
    const repeated = chain.findIndex((i) => i.module.dir === callee.dir);
    if (repeated >= 0) {
      this.reportCycle(chain.slice(repeated), call);
      return undefined;
    }
    return parent.callInstanceScopes(call).map(({ scope, key }) => new ModuleInstance(callee, this, { parent, call, scope, ...(key !== undefined ? { key } : {}) }));
  }

  /**
   * Finds the cycles among the local calls of `modules` (a cycle need not be
   * walked by any review: a caller that decides nothing is not evaluated
   * again, and modules in a cycle all have callers).
   */
  detectCycles(modules: readonly Module[]): void {
    const byDir = new Map(modules.map((m) => [m.dir, m]));
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (dir: string): void => {
      state.set(dir, 'open');
      stack.push(dir);
      const module = byDir.get(dir) ?? this.loader.loadDir(dir)?.module;
      for (const call of module?.moduleCalls ?? []) {
        const target = localSourceDir(dir, call);
        if (target === undefined) continue;
        if (state.get(target) === 'open') this.reportCycleOf(stack.slice(stack.indexOf(target)), call);
        else if (!state.has(target) && (byDir.has(target) || this.loader.loadDir(target)?.module)) visit(target);
      }
      stack.pop();
      state.set(dir, 'done');
    };
    for (const m of modules) if (!state.has(m.dir)) visit(m.dir);
  }

  private reportCycle(loop: ModuleInstance[], closing: ModuleCallRef): void {
    this.reportCycleOf(
      loop.map((i) => i.module.dir),
      closing,
    );
  }

  private reportCycleOf(dirs: string[], closing: ModuleCallRef): void {
    const key = [...dirs].sort().join('\u0000');
    if (this.cycleKeys.has(key)) return;
    this.cycleKeys.add(key);
    const base = this.host.workspaceRoot;
    const path = [...dirs, dirs[0]!].map((d) => relative(base, d) || '.').join(' → ');
    this.cycles.push({
      file: closing.file.path,
      range: headerRange(closing.block),
      kind: 'module-cycle',
      message: `module.${closing.name} closes a cycle of module calls (${path}): Terraform cannot load it; the review stops following the calls there`,
    });
  }
}
