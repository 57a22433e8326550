import type { FileHost } from '../engine/host.js';
import type { Module } from '../engine/model/module.js';
import { discoverModules } from '../engine/discover.js';
import { loadModule } from '../engine/workspace/module-loader.js';
import { PlanError, type Plan } from '../engine/plan/plan-model.js';
import { planRoot } from '../engine/plan/attach-plan.js';

/**
 * Which module of a workspace folder a plan is a plan of (SPEC §10), found
 * once per plan read: every module of the folder is read once to match the
 * plan's root addresses. The editor's reviews then give the plan's values to
 * that module's reviews (and the call chains from it). A plan of other code
 * is its PlanError; a plan naming no resources has no root.
 */
export class PlanRoots {
  private readonly roots = new WeakMap<Plan, string | PlanError | null>();

  rootOf(plan: Plan, folder: string, host: FileHost, included: (path: string) => boolean): string | PlanError | undefined {
    let root = this.roots.get(plan);
    if (root === undefined) {
      const { modules } = discoverModules(host, [folder], included);
      const candidates = modules.flatMap((files): Module[] => {
        const module = loadModule(files, host).module;
        return module ? [module] : [];
      });
      try {
        root = planRoot(plan, candidates, folder)?.dir ?? null;
      } catch (e) {
        if (!(e instanceof PlanError)) throw e;
        root = e;
      }
      this.roots.set(plan, root);
    }
    return root ?? undefined;
  }
}
