import type { Module } from '../model/module.js';
import type { Plan, PlannedResource } from './plan-model.js';
import { PlannedModule } from './planned-module.js';
import type { PlanPlace } from './plan-places.js';

/** `module.a["x"].module.b` → `module.a.module.b`: the configuration path of a module instance address. */
export function configPath(moduleAddress: string): string {
  return moduleAddress.replace(/\[(?:"(?:[^"\\]|\\.)*"|\d+)\]/g, '');
}

/** The resource's address inside its module: `aws_s3_bucket.b` / `data.x.y`. */
export function localAddress(r: PlannedResource): string {
  return r.mode === 'data' ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`;
}

/**
 * A plan fused with the code (SPEC §10): the plan's resources by module
 * instance, the root module the plan is a plan of, and notes about what in
 * the plan the code does not have.
 */
export class PlanContext {
  /** By module instance address ('' for the root): resources by local address. */
  private readonly byModule = new Map<string, Map<string, PlannedResource[]>>();
  /** By parent module instance address: call name → instance keys. */
  private readonly callKeys = new Map<string, Map<string, Array<string | number>>>();
  private readonly views = new Map<string, PlannedModule>();
  /** Where a planned resource is placed in the code; set once the plan is attached to the workspace. */
  place: (resource: PlannedResource) => PlanPlace | undefined = () => undefined;

  constructor(readonly plan: Plan) {
    for (const r of plan.resourceChanges) {
      let resources = this.byModule.get(r.moduleAddress);
      if (!resources) this.byModule.set(r.moduleAddress, (resources = new Map()));
      const key = localAddress(r);
      const list = resources.get(key);
      if (list) list.push(r);
      else resources.set(key, [r]);
      this.recordModuleKeys(r.moduleAddress);
    }
  }

  /** What the plan says about the module instance at `moduleAddress`. */
  module(moduleAddress: string): PlannedModule {
    let view = this.views.get(moduleAddress);
    if (!view) {
      view = new PlannedModule(moduleAddress, this.byModule.get(moduleAddress) ?? new Map(), this.callKeys.get(moduleAddress) ?? new Map(), this);
      this.views.set(moduleAddress, view);
    }
    return view;
  }

  /** Every module instance address the plan has resources in. */
  moduleAddresses(): string[] {
    return [...this.byModule.keys()];
  }

  /**
   * How well a module matches the plan's root module: the share of the
   * plan's root addresses (configuration, else resource changes) the module
   * declares. 0 for other code.
   */
  rootMatch(module: Module): { matched: number; total: number } {
    const addresses = new Set(this.plan.rootResources);
    for (const call of this.plan.moduleCalls) if (!call.path.includes('.module.')) addresses.add(call.path);
    if (addresses.size === 0) {
      for (const r of this.plan.resourceChanges) {
        if (r.moduleAddress === '') addresses.add(localAddress(r));
        else addresses.add(r.moduleAddress.replace(/^(module\.[^.[]+).*$/, '$1'));
      }
    }
    let matched = 0;
    for (const a of addresses) if (module.byAddress.has(a)) matched++;
    return { matched, total: addresses.size };
  }

  private recordModuleKeys(moduleAddress: string): void {
    // module.a["x"].module.b[0] → parent '' has a: "x"; parent module.a["x"] has b: 0
    const re = /module\.([^.[]+)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?/g;
    let parent = '';
    for (let m = re.exec(moduleAddress); m; m = re.exec(moduleAddress)) {
      const [whole, name, bracket] = m;
      if (bracket) {
        const key: string | number = bracket.startsWith('["') ? (JSON.parse(bracket.slice(1, -1)) as string) : Number(bracket.slice(1, -1));
        let calls = this.callKeys.get(parent);
        if (!calls) this.callKeys.set(parent, (calls = new Map()));
        const keys = calls.get(name!) ?? [];
        if (!keys.includes(key)) keys.push(key);
        calls.set(name!, keys);
      }
      parent = parent ? `${parent}.${whole}` : whole;
    }
  }
}
