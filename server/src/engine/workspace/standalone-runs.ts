import type { Module } from '../model/module.js';
import type { ModuleRole } from '../roles/module-role.js';
import type { RuleRun } from './instance-runs.js';

/**
 * What each rule said about a called module on its own, kept across the
 * reviews of one start-up scan share (the language server's scan workers,
 * which review a snapshot of the workspace): a review of a caller asks
 * whether each rule's verdict on every module its calls reach depends on the
 * caller, and the modules reached repeat from caller to caller (every
 * example of a repository calls its root module, which calls its
 * submodules). Keyed by the module object, so it holds only while the
 * reviews share the loader that made it, and by the role it was run in.
 */
export class StandaloneRuns {
  private readonly byModule = new WeakMap<Module, Map<string, RuleRun>>();

  get(module: Module, role: ModuleRole, ruleId: string): RuleRun | undefined {
    return this.byModule.get(module)?.get(key(role, ruleId));
  }

  set(module: Module, role: ModuleRole, ruleId: string, run: RuleRun): void {
    let runs = this.byModule.get(module);
    if (!runs) this.byModule.set(module, (runs = new Map()));
    runs.set(key(role, ruleId), run);
  }
}

function key(role: ModuleRole, ruleId: string): string {
  return `${role}\u0000${ruleId}`;
}
