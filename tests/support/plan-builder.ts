// Builds Plan objects (server/src/engine/plan/plan-model.ts) directly, as the plan reader would give them.
import type { Plan, PlanAction, PlannedResource, PlanValue } from '../../server/src/engine/plan/plan-model.js';

export interface ResourceSpec {
  address: string;
  actions: PlanAction[];
  before?: PlanValue;
  after?: PlanValue;
  replacePaths?: Array<Array<string | number>>;
  actionReason?: string;
  mode?: 'managed' | 'data';
  deposed?: string;
}

/** `module.a["x"].aws_s3_bucket.b[0]` → its module address, type, name and index, as the reader splits them. */
export function planned(spec: ResourceSpec): PlannedResource {
  const m = /^((?:module\.[^.[]+(?:\[[^\]]+\])?\.)*)(data\.)?([^.]+)\.([^.[]+)(?:\[(.+)\])?$/.exec(spec.address);
  if (!m) throw new Error(`not a resource address: ${spec.address}`);
  const index = m[5] === undefined ? undefined : m[5].startsWith('"') ? (JSON.parse(m[5]) as string) : Number(m[5]);
  const r: PlannedResource = {
    address: spec.address,
    moduleAddress: (m[1] ?? '').replace(/\.$/, ''),
    mode: spec.mode ?? (m[2] ? 'data' : 'managed'),
    type: m[3]!,
    name: m[4]!,
    actions: spec.actions,
    before: spec.before ?? null,
    after: spec.after ?? null,
    replacePaths: spec.replacePaths ?? [],
  };
  if (index !== undefined) r.index = index;
  if (spec.actionReason) r.actionReason = spec.actionReason;
  if (spec.deposed) r.deposed = spec.deposed;
  return r;
}

export function planOf(changes: ResourceSpec[], more: Partial<Omit<Plan, 'resourceChanges' | 'drift'>> & { drift?: ResourceSpec[] } = {}): Plan {
  const { drift = [], ...rest } = more;
  return {
    file: 'plan.json',
    formatVersion: '1.2',
    resourceChanges: changes.map(planned),
    drift: drift.map(planned),
    rootResources: [],
    moduleCalls: [],
    notes: [],
    ...rest,
    dataSources: rest.dataSources ?? [],
  };
}

/** An IAM policy document as Terraform renders it into `policy`. */
export function policyJson(actions: string[], resource = '*'): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] });
}
