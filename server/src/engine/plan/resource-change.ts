import { SENSITIVE, UNKNOWN_AFTER_APPLY, type PlanAction, type PlannedResource, type PlanValue } from './plan-model.js';
import { parseAddress } from './plan-address.js';
import { applyMarks } from './plan-value-marks.js';
import { describeJson, expectObject, expectString, optionalString, PlanShapeError, quoteForMessage } from './plan-shape.js';

const ACTIONS: ReadonlySet<string> = new Set<PlanAction>(['no-op', 'create', 'read', 'update', 'delete', 'forget']);

/** What the reader learnt about the plan while reading its changes (for its notes). */
export interface ChangeReadingFacts {
  /** Some entry carries `before_sensitive` or `after_sensitive` (recent Terraform writes them on every entry). */
  sawSensitivityMarks: boolean;
}

/**
 * One entry of `resource_changes[]` or `resource_drift[]`, parsed on its own,
 * reduced to a PlannedResource. Unknown and sensitive parts are replaced
 * in the parsed value itself (see applyMarks), and everything else of the entry
 * (marks, `importing`, `generated_config`) is dropped with it, so no raw copy
 * of a sensitive value outlives this call.
 */
export function readResourceChange(raw: unknown, path: string, facts: ChangeReadingFacts): PlannedResource {
  const entry = expectObject(raw, path);
  const address = expectString(entry.address, `${path}.address`);
  const parsed = parseAddress(address);
  if (!parsed) throw new PlanShapeError(`${path}.address`, `a resource instance address, found ${quoteForMessage(address)}`);
  const mode = expectString(entry.mode, `${path}.mode`);
  if (mode !== 'managed' && mode !== 'data') throw new PlanShapeError(`${path}.mode`, `"managed" or "data", found ${quoteForMessage(mode)}`);
  const type = expectString(entry.type, `${path}.type`);
  const name = expectString(entry.name, `${path}.name`);
  // The address is the one Terraform matches on; a record that contradicts it is not a plan Terraform wrote.
  if (mode !== parsed.mode || type !== parsed.type || name !== parsed.name) {
    throw new PlanShapeError(path, `mode, type and name that agree with its address ${quoteForMessage(address)}`);
  }
  const index = entry.index;
  if (index !== undefined && index !== null && typeof index !== 'string' && typeof index !== 'number') {
    throw new PlanShapeError(`${path}.index`, `a number or a string, found ${describeJson(index)}`);
  }
  const change = expectObject(entry.change, `${path}.change`);
  const actions = readActions(change.actions, `${path}.change.actions`);
  if ('before_sensitive' in change || 'after_sensitive' in change) facts.sawSensitivityMarks = true;

  let after = applyMarks(change.after ?? null, change.after_unknown, UNKNOWN_AFTER_APPLY) ?? null;
  after = applyMarks(after, change.after_sensitive, SENSITIVE) ?? null;
  // A no-op's before equals its after: share the one value rather than keep a second copy of a large plan.
  const before: PlanValue = actions.length === 1 && actions[0] === 'no-op' ? after : (applyMarks(change.before ?? null, change.before_sensitive, SENSITIVE) ?? null);

  const resource: PlannedResource = {
    address,
    moduleAddress: parsed.moduleAddress,
    mode,
    type,
    name,
    actions,
    before,
    after,
    replacePaths: readReplacePaths(change.replace_paths, `${path}.change.replace_paths`),
  };
  if (index !== undefined && index !== null) resource.index = index;
  else if (parsed.index !== undefined) resource.index = parsed.index;
  const deposed = optionalString(entry.deposed, `${path}.deposed`);
  if (deposed !== undefined) resource.deposed = deposed;
  const actionReason = optionalString(entry.action_reason, `${path}.action_reason`);
  if (actionReason !== undefined) resource.actionReason = actionReason;
  const previousAddress = optionalString(entry.previous_address, `${path}.previous_address`);
  if (previousAddress !== undefined) resource.previousAddress = previousAddress;
  const providerName = optionalString(entry.provider_name, `${path}.provider_name`);
  if (providerName !== undefined) resource.providerName = providerName;
  return resource;
}

function readActions(value: unknown, path: string): PlanAction[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((action) => typeof action === 'string')) {
    throw new PlanShapeError(path, `a non-empty array of strings, found ${Array.isArray(value) && value.length === 0 ? 'an empty array' : describeJson(value)}`);
  }
  for (const action of value as string[]) {
    if (!ACTIONS.has(action)) {
      throw new PlanShapeError(path, `actions among ${[...ACTIONS].map((a) => `"${a}"`).join(', ')}; found ${quoteForMessage(action)}`);
    }
  }
  return value as PlanAction[];
}

function readReplacePaths(value: unknown, path: string): Array<Array<string | number>> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PlanShapeError(path, `an array of paths, found ${describeJson(value)}`);
  value.forEach((step, i) => {
    if (!Array.isArray(step) || !step.every((part) => typeof part === 'string' || typeof part === 'number')) {
      throw new PlanShapeError(`${path}[${i}]`, 'a path: an array of attribute names and indexes');
    }
  });
  return value as Array<Array<string | number>>;
}
