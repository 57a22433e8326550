import { statefulTypes, type StatefulOptions } from '../lifecycle/stateful-types.js';
import type { RuleContext } from '../rules/rule.js';
import type { PlannedResource } from './plan-model.js';
import type { PlanPlace } from './plan-places.js';

export type StatefulChange = 'destroy' | 'replace';

/** What the plan does to a resource instance, as the plan rules see it. */
export function changeOf(r: PlannedResource): StatefulChange | 'other' {
  const a = r.actions;
  if (a.length === 2 && a.includes('delete') && a.includes('create')) return 'replace';
  if (a.length === 1 && a[0] === 'delete') return 'destroy';
  return 'other';
}

/**
 * The planned changes of one kind to stateful resources, grouped by the
 * place they are reported at and the cause (one finding per block and
 * cause, SPEC §10), for the rule run on the plan's root module only: the
 * plan is read once, whatever instance of which module a resource is in.
 */
export function statefulChanges(
  ctx: RuleContext<StatefulOptions>,
  kind: StatefulChange,
): Array<{ place: PlanPlace; resources: PlannedResource[] }> {
  const planned = ctx.planned;
  if (!planned || planned.moduleAddress !== '') return [];
  const types = statefulTypes(ctx.options);
  const groups = new Map<string, { place: PlanPlace; resources: PlannedResource[] }>();
  for (const r of planned.context.plan.resourceChanges) {
    if (r.mode !== 'managed' || !types.has(r.type) || changeOf(r) !== kind) continue;
    const place = planned.context.place(r);
    if (!place) continue;
    const key = `${place.file.path}\u0000${place.range.start.line}:${place.range.start.column}\u0000${r.moduleAddress}\u0000${r.type}.${r.name}\u0000${causeKey(r)}`;
    const group = groups.get(key);
    if (group) group.resources.push(r);
    else groups.set(key, { place, resources: [r] });
  }
  return [...groups.values()];
}

function causeKey(r: PlannedResource): string {
  return `${r.actionReason ?? ''}\u0000${r.replacePaths.map((p) => p.join('.')).join(',')}\u0000${r.actions.join(',')}`;
}

/** `aws_db_instance.orders`, `module.db["a"].aws_db_instance.this`, or for several instances `…this["a"], ["b"]`. */
export function addressesText(resources: readonly PlannedResource[]): string {
  if (resources.length === 1) return resources[0]!.address;
  const first = resources[0]!;
  const base = `${first.moduleAddress ? `${first.moduleAddress}.` : ''}${first.type}.${first.name}`;
  const keys = resources.map((r) => (r.index === undefined ? '' : `[${JSON.stringify(r.index)}]`));
  return `${base} (${resources.length} instances: ${keys.join(', ')})`;
}

/** `action_reason` in a reviewer's words. */
export function reasonText(reason: string | undefined): string | undefined {
  switch (reason) {
    case 'replace_because_cannot_update':
      return 'an argument that cannot be changed in place changed';
    case 'replace_because_tainted':
      return 'it is tainted (a failed create or `terraform taint`)';
    case 'replace_by_request':
      return 'the plan was made with `-replace`';
    case 'replace_by_triggers':
      return 'a `replace_triggered_by` reference changed';
    case 'delete_because_no_resource_config':
      return 'its block is no longer in the code';
    case 'delete_because_no_module':
      return 'its module call is no longer in the code';
    case 'delete_because_wrong_repetition':
      return 'its block switched between count, for_each and neither';
    case 'delete_because_count_index':
      return 'its count no longer includes this index';
    case 'delete_because_each_key':
      return 'its for_each no longer includes this key';
    case 'delete_because_no_move_target':
      return 'a moved block points to an address that does not exist';
    case undefined:
      return undefined;
    default:
      return `the plan's reason is "${reason}"`;
  }
}
