import type { Module } from '../model/module.js';
import type { Block } from '../parse/ast.js';
import type { Plan, PlannedResource } from './plan-model.js';
import { PlannedModule } from './planned-module.js';
import { parseModuleAddress, type AddressModuleStep } from './plan-address.js';
import { planIndex, resourceKeyOf } from './plan-index.js';
import type { PlanPlace } from './plan-places.js';
import type { StandInResources } from './planned-stand-in.js';

/** A module instance key as the review's module instances write it (`["a"]`, `[0]`). */
export function instanceKeyText(key: string | number | undefined): string {
  return key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** Module steps in the form the review's module instances use (`module.a["x"].module.b`: keys JSON-quoted). */
function stepsText(steps: readonly AddressModuleStep[]): string {
  return steps.map((s) => `module.${s.name}${instanceKeyText(s.key)}`).join('.');
}

/** One module instance the plan has resources in: its steps, and its resources by resource key. */
interface PlannedInstance {
  steps: AddressModuleStep[];
  resources: Map<string, PlannedResource[]>;
}

/**
 * A plan fused with the code (SPEC §10): the plan's resources by module
 * instance (in the review's address form), the instance keys of each module
 * call, and notes about what in the plan the review could not use.
 */
export class PlanContext {
  /** By module instance address ('' for the root). */
  private readonly byModule = new Map<string, PlannedInstance>();
  /** By parent module instance address: call name → instance keys. */
  private readonly callKeys = new Map<string, Map<string, Array<string | number>>>();
  private readonly views = new Map<string, PlannedModule>();
  /** Where a planned resource is placed in the code; set once the plan is attached to the workspace. */
  place: (resource: PlannedResource) => PlanPlace | undefined = () => undefined;

  constructor(readonly plan: Plan) {
    // The plan's index (changes and the data sources read while planning), its module addresses read once each:
    // Terraform quotes instance keys as HCL does, the review's module instances as JSON.
    for (const [written, resources] of planIndex(plan)) {
      const steps = parseModuleAddress(written);
      if (!steps) continue;
      this.byModule.set(stepsText(steps), { steps, resources });
      this.recordModuleKeys(steps);
    }
  }

  private readonly crowded = new Map<string, number>();
  private limit = 0;

  /** A block the plan gives more instances than the review reviews one by one: said in the notes (SPEC §10: nothing silently ignored). */
  tooManyInstances(block: Block, moduleAddress: string, count: number, limit: number): void {
    const label = block.type === 'module' ? `module.${block.labels[0]?.value ?? ''}` : `${block.type === 'data' ? 'data.' : ''}${block.labels.map((l) => l.value).join('.')}`;
    this.crowded.set(moduleAddress ? `${moduleAddress}.${label}` : label, count);
    this.limit = limit;
  }

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
      view = new PlannedModule(moduleAddress, this.byModule.get(moduleAddress)?.resources ?? new Map(), this.callKeys.get(moduleAddress) ?? new Map(), this);
      this.views.set(moduleAddress, view);
    }
    return view;
  }

  /**
   * The planned resources under call `name` of the module instance at
   * `parent` (`depth` modules deep), by the call's instance
   * (`module.rds["a"]`), each with its address inside that instance.
   */
  resourcesUnder(parent: string, depth: number, name: string): StandInResources[] {
    const groups = new Map<string, StandInResources>();
    for (const [address, { steps, resources }] of this.byModule) {
      if (steps.length <= depth || steps[depth]!.name !== name || stepsText(steps.slice(0, depth)) !== parent) continue;
      const instanceAddress = stepsText(steps.slice(0, depth + 1));
      const nested = address.slice(instanceAddress.length + 1);
      let group = groups.get(instanceAddress);
      if (!group) groups.set(instanceAddress, (group = { instanceAddress, resources: [] }));
      for (const list of resources.values()) {
        for (const resource of list) {
          group.resources.push({ resource, local: `${nested ? `${nested}.` : ''}${resourceKeyOf(resource)}${instanceKeyText(resource.index)}` });
        }
      }
    }
    return [...groups.values()];
  }

  /** (parent instance address) → call name → the instance keys the plan gives the call. */
  private recordModuleKeys(steps: readonly AddressModuleStep[]): void {
    steps.forEach((step, i) => {
      if (step.key === undefined) return;
      const parent = stepsText(steps.slice(0, i));
      let calls = this.callKeys.get(parent);
      if (!calls) this.callKeys.set(parent, (calls = new Map()));
      const keys = calls.get(step.name) ?? [];
      if (!keys.includes(step.key)) keys.push(step.key);
      calls.set(step.name, keys);
    });
  }
}

/**
 * The addresses a module must declare to be the plan's root module: the
 * configuration's root resources and module calls, else (a plan without
 * configuration) the root resources and first module calls its changes name.
 */
export function rootAddresses(plan: Plan): Set<string> {
  const addresses = new Set(plan.rootResources);
  for (const call of plan.moduleCalls) if (!call.path.includes('.module.')) addresses.add(call.path);
  if (addresses.size > 0) return addresses;
  for (const r of plan.resourceChanges) {
    if (r.moduleAddress === '') addresses.add(resourceKeyOf(r));
    else {
      const first = parseModuleAddress(r.moduleAddress)?.[0];
      if (first) addresses.add(`module.${first.name}`);
    }
  }
  return addresses;
}

/** How many of the root addresses a module declares. */
export function rootMatch(addresses: ReadonlySet<string>, module: Module): number {
  let matched = 0;
  for (const a of addresses) if (module.byAddress.has(a)) matched++;
  return matched;
}
