import type { Plan, PlannedResource } from './plan-model.js';

/** `moduleAddress` → resource key (`aws_s3_bucket.b`, `data.aws_iam_policy_document.p`) → its instances. */
export type PlanIndex = Map<string, Map<string, PlannedResource[]>>;

/** The resource key of a planned instance: its address without module path and instance key. */
export function resourceKeyOf(resource: Pick<PlannedResource, 'mode' | 'type' | 'name'>): string {
  return resource.mode === 'data' ? `data.${resource.type}.${resource.name}` : `${resource.type}.${resource.name}`;
}

/**
 * The plan's current resource instances (changes, and the data sources read
 * while planning) by module instance and resource, for the fusion's look-ups (one map access per block instead of a scan of a
 * 50,000-entry list). Deposed objects (old copies left by
 * create_before_destroy) are not instances of a block: they stay in
 * `plan.resourceChanges` only.
 */
export function planIndex(plan: Plan): PlanIndex {
  return indexResources([...plan.resourceChanges, ...plan.dataSources]);
}

/** The same index over any list of planned instances (`plan.drift`, a filtered list). */
export function indexResources(resources: readonly PlannedResource[]): PlanIndex {
  const index: PlanIndex = new Map();
  for (const resource of resources) {
    if (resource.deposed !== undefined) continue;
    let byResource = index.get(resource.moduleAddress);
    if (!byResource) index.set(resource.moduleAddress, (byResource = new Map()));
    const key = resourceKeyOf(resource);
    const instances = byResource.get(key);
    if (instances) instances.push(resource);
    else byResource.set(key, [resource]);
  }
  return index;
}
