import type { Module } from '../model/module.js';
import type { Block } from '../parse/ast.js';
import type { Plan, PlannedResource } from './plan-model.js';
import { PlannedModule } from './planned-module.js';
import { parseModuleAddress } from './plan-address.js';
import type { PlanPlace } from './plan-places.js';
import type { StandInResources } from './planned-stand-in.js';

/** A module instance key as the review's module instances write it (`["a"]`, `[0]`). */
export function instanceKeyText(key: string | number | undefined): string {
  return key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/**
 * A plan's module address (`module.a["x"]`, keys quoted as Terraform quotes
 * them) in the form the review's module instances use: keys JSON-quoted.
 * Undefined for an address that cannot be read.
 */
export function canonicalModuleAddress(moduleAddress: string): string | undefined {
  const steps = parseModuleAddress(moduleAddress);
  return steps && steps.map((s) => `module.${s.name}${instanceKeyText(s.key)}`).join('.');
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
    // Data sources read while planning are in the prior state, not among the changes (plan-model.ts).
    for (const r of [...plan.resourceChanges, ...plan.dataSources]) {
      const moduleAddress = canonicalModuleAddress(r.moduleAddress);
      if (moduleAddress === undefined) continue;
      let resources = this.byModule.get(moduleAddress);
      if (!resources) this.byModule.set(moduleAddress, (resources = new Map()));
      const key = localAddress(r);
      const list = resources.get(key);
      if (list) list.push(r);
      else resources.set(key, [r]);
      this.recordModuleKeys(r.moduleAddress);
    }
  }

  private readonly crowded = new Map<string, number>();

  /** A block the plan gives more instances than the review reviews one by one: said in the notes (SPEC §10: nothing silently ignored). */
  tooManyInstances(block: Block, moduleAddress: string, count: number, limit: number): void {
    const label = block.type === 'module' ? `module.${block.labels[0]?.value ?? ''}` : `${block.type === 'data' ? 'data.' : ''}${block.labels.map((l) => l.value).join('.')}`;
    this.crowded.set(moduleAddress ? `${moduleAddress}.${label}` : label, count);
    this.limit = limit;
  }

  private limit = 0;

  /** The notes about blocks with too many planned instances. */
  crowdedNotes(): string[] {
    if (this.crowded.size === 0) return [];
    const list = [...this.crowded].slice(0, 5).map(([a, n]) => `${a} (${n})`).join(', ');
    const more = this.crowded.size > 5 ? `, and ${this.crowded.size - 5} more` : '';
    return [`${this.crowded.size} block(s) have more planned instances than the review reads one by one (${this.limit}): ${list}${more}; they are reviewed once, without their planned values`];
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

  /**
   * The planned resources under a module call (`module.rds`, in a module
   * instance's terms), by the call's instance (`module.rds["a"]`), each with
   * its address inside that instance.
   */
  resourcesUnder(callPrefix: string): StandInResources[] {
    const groups = new Map<string, StandInResources>();
    for (const [moduleAddress, resources] of this.byModule) {
      if (moduleAddress !== callPrefix && !moduleAddress.startsWith(`${callPrefix}.`) && !moduleAddress.startsWith(`${callPrefix}[`)) continue;
      const rest = moduleAddress.slice(callPrefix.length);
      // `["a"].module.x` → the instance key `["a"]`, then the nested module path `module.x`.
      const keyEnd = rest.startsWith('[') ? closingBracket(rest) + 1 : 0;
      const instanceAddress = callPrefix + rest.slice(0, keyEnd);
      const nested = rest.slice(keyEnd).replace(/^\./, '');
      let group = groups.get(instanceAddress);
      if (!group) groups.set(instanceAddress, (group = { instanceAddress, resources: [] }));
      for (const list of resources.values()) {
        for (const resource of list) {
          const key = resource.index === undefined ? '' : instanceKeyText(resource.index);
          group.resources.push({ resource, local: `${nested ? `${nested}.` : ''}${localAddress(resource)}${key}` });
        }
      }
    }
    return [...groups.values()];
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
        else {
          const first = parseModuleAddress(r.moduleAddress)?.[0];
          if (first) addresses.add(`module.${first.name}`);
        }
      }
    }
    let matched = 0;
    for (const a of addresses) if (module.byAddress.has(a)) matched++;
    return { matched, total: addresses.size };
  }

  private recordModuleKeys(moduleAddress: string): void {
    // module.a["x"].module.b[0] → parent '' calls a with key "x"; parent module.a["x"] calls b with key 0
    let parent = '';
    for (const step of parseModuleAddress(moduleAddress) ?? []) {
      if (step.key !== undefined) {
        let calls = this.callKeys.get(parent);
        if (!calls) this.callKeys.set(parent, (calls = new Map()));
        const keys = calls.get(step.name) ?? [];
        if (!keys.includes(step.key)) keys.push(step.key);
        calls.set(step.name, keys);
      }
      const part = `module.${step.name}${instanceKeyText(step.key)}`;
      parent = parent ? `${parent}.${part}` : part;
    }
  }
}

/** The index of the `]` closing the instance key that opens `text` (keys are JSON-quoted strings or numbers here). */
function closingBracket(text: string): number {
  if (text[1] !== '"') return text.indexOf(']');
  for (let i = 2; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length - 1;
}
