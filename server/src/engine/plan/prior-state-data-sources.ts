import { SENSITIVE, type PlannedResource } from './plan-model.js';
import { parseAddress } from './plan-address.js';
import { applyMarks } from './plan-value-marks.js';
import { arrayElements, describeSlice, isNullSlice, objectMembers, parseSlice, type JsonSlice } from './json-slices.js';
import { describeJson, expectObject, expectString, optionalString, PlanShapeError, quoteForMessage } from './plan-shape.js';

/**
 * The data sources Terraform read while planning. Since Terraform 0.13 a data
 * source whose arguments are known is read during `plan` and is not in
 * `resource_changes`: its values (a rendered `aws_iam_policy_document`, a
 * looked-up AMI) are only in `prior_state`, the state as refreshed for the
 * plan (as the plans of Terraform 0.12 to 1.9 in public test suites show;
 * `planned_values` lists only the data sources read at apply time, which are
 * in `resource_changes` too). They are facts the review can use, so they are
 * read from there; the managed resources of `prior_state` repeat the changes'
 * `before` and are stepped over. Each entry's `mode` (its second member, as
 * Terraform writes it) is looked at first, and only data entries are parsed.
 * Returns where `prior_state` ends, so the reader crosses its bytes once; the
 * caller drops the data sources that are also in `resource_changes`.
 */
export function readPriorStateDataSources(bytes: Buffer, priorState: JsonSlice): { dataSources: PlannedResource[]; end: number } {
  const dataSources: PlannedResource[] = [];
  const object = { end: priorState.start };
  for (const member of objectMembers(bytes, priorState.start, object)) {
    if (member.key !== 'values' || isNullSlice(bytes, member)) continue;
    if (bytes[member.start] !== 0x7b) throw new PlanShapeError('prior_state.values', `an object, found ${describeSlice(bytes, member)}`);
    for (const values of objectMembers(bytes, member.start)) {
      if (values.key === 'root_module') readModule(bytes, values, 'prior_state.values.root_module', dataSources);
    }
  }
  return { dataSources, end: object.end };
}

function readModule(bytes: Buffer, slice: JsonSlice, path: string, found: PlannedResource[]): void {
  if (isNullSlice(bytes, slice)) return;
  if (bytes[slice.start] !== 0x7b) throw new PlanShapeError(path, `an object, found ${describeSlice(bytes, slice)}`);
  for (const member of objectMembers(bytes, slice.start)) {
    if (isNullSlice(bytes, member) || (member.key !== 'resources' && member.key !== 'child_modules')) continue;
    if (bytes[member.start] !== 0x5b) throw new PlanShapeError(`${path}.${member.key}`, `an array, found ${describeSlice(bytes, member)}`);
    let i = 0;
    for (const element of arrayElements(bytes, member.start)) {
      const elementPath = `${path}.${member.key}[${i++}]`;
      if (member.key === 'child_modules') readModule(bytes, element, elementPath, found);
      else if (isDataEntry(bytes, element)) found.push(readDataSource(parseSlice(bytes, element), elementPath));
    }
  }
}

/** Whether the entry's `mode` is "data", reading members only up to `mode`. */
function isDataEntry(bytes: Buffer, element: JsonSlice): boolean {
  if (bytes[element.start] !== 0x7b) return false;
  for (const member of objectMembers(bytes, element.start)) {
    if (member.key === 'mode') return bytes.toString('utf8', member.start, member.end) === '"data"';
  }
  return false;
}

function readDataSource(raw: unknown, path: string): PlannedResource {
  const entry = expectObject(raw, path);
  const address = expectString(entry.address, `${path}.address`);
  const parsed = parseAddress(address);
  if (!parsed || parsed.mode !== 'data') throw new PlanShapeError(`${path}.address`, `a data source instance address, found ${quoteForMessage(address)}`);
  const type = expectString(entry.type, `${path}.type`);
  const name = expectString(entry.name, `${path}.name`);
  if (type !== parsed.type || name !== parsed.name) throw new PlanShapeError(path, `a type and name that agree with its address ${quoteForMessage(address)}`);
  const values = entry.values ?? null;
  if (values !== null && (typeof values !== 'object' || Array.isArray(values))) {
    throw new PlanShapeError(`${path}.values`, `an object, found ${describeJson(values)}`);
  }
  // A state holds no unknowns: a data source read while planning is fully known.
  const after = applyMarks(values, entry.sensitive_values, SENSITIVE) ?? null;
  const resource: PlannedResource = {
    address,
    moduleAddress: parsed.moduleAddress,
    mode: 'data',
    type,
    name,
    actions: ['no-op'],
    before: after,
    after,
    replacePaths: [],
  };
  const index = entry.index;
  if (typeof index === 'string' || typeof index === 'number') resource.index = index;
  else if (parsed.index !== undefined) resource.index = parsed.index;
  const providerName = optionalString(entry.provider_name, `${path}.provider_name`);
  if (providerName !== undefined) resource.providerName = providerName;
  return resource;
}
