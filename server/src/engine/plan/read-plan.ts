import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { describeFsError } from '../host.js';
import { PlanError, type Plan, type PlannedModuleCall, type PlannedResource } from './plan-model.js';
import { planBytes, SHOW_JSON_HINT } from './plan-encoding.js';
import { arrayElements, describeSlice, isNullSlice, JsonSliceError, lineAndColumn, objectMembers, parseSlice, skipSpace, type JsonSlice } from './json-slices.js';
import { readResourceChange, type ChangeReadingFacts } from './resource-change.js';
import { readPriorStateDataSources } from './prior-state-data-sources.js';
import { describeJson, expectObject, optionalString, PlanShapeError, quoteForMessage } from './plan-shape.js';

/**
 * Reads the JSON of `terraform show -json PLANFILE` / `tofu show -json
 * PLANFILE` (SPEC §10): format_version 1.x and the 0.x shape of Terraform
 * 0.12–0.15. Bad input is a PlanError that names the file and says what to do.
 *
 * Large plans: the file is held as bytes (outside the JS heap) and parsed
 * piece by piece. `planned_values` and `prior_state` repeat what
 * `resource_changes` holds (but for the data sources read while planning,
 * taken from `prior_state`) and `variables` / `output_changes` are not used,
 * so they are stepped over without being built; each resource change is
 * parsed alone and reduced at once (no-op entries share before and after).
 */

/** Plans larger than this are refused: the review after reading needs memory too. */
export const MAX_PLAN_BYTES = 1024 * 1024 * 1024;

export interface ReadPlanOptions {
  /** Refuse larger files (default MAX_PLAN_BYTES). */
  maxBytes?: number;
}

export function readPlan(file: string, options: ReadPlanOptions = {}): Plan {
  return parsePlan(readPlanFile(file, options.maxBytes ?? MAX_PLAN_BYTES), file);
}

/** Reads a plan from bytes already in memory (an editor buffer, a test); `file` names it in messages. */
export function parsePlan(raw: Buffer | string, file: string): Plan {
  const decoded = planBytes(typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw);
  if (!decoded.ok) throw new PlanError(file, decoded.error);
  const bytes = decoded.bytes;
  try {
    return readPlanJson(bytes, file);
  } catch (e) {
    if (e instanceof PlanShapeError) throw new PlanError(file, `not a plan JSON Terraform writes: ${e.message}`);
    if (e instanceof JsonSliceError) {
      const { line, column } = lineAndColumn(bytes, e.offset);
      if (e.kind === 'truncated') {
        throw new PlanError(file, `the JSON ends early (line ${line}): the file is truncated or was still being written; ${SHOW_JSON_HINT}`);
      }
      if (e.kind === 'too-deep') throw new PlanError(file, `not read: ${e.message} at line ${line}, column ${column}; Terraform's plans nest a few levels`);
      throw new PlanError(file, `not valid JSON at line ${line}, column ${column}: ${e.message}`);
    }
    throw e;
  }
}

/** The bytes of the file; a pipe (`--plan <(terraform show -json tfplan)`) is read too. */
function readPlanFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new PlanError(file, describeFsError(e));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      throw new PlanError(file, `is a directory; give the plan's JSON file: ${SHOW_JSON_HINT}`);
    }
    const tooLarge = () =>
      new PlanError(
        file,
        `the plan is larger than ${maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / (1024 * 1024))} MB` : `${maxBytes} bytes`}, more than the review reads`,
      );
    if (stat.isFile() && stat.size > maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    const chunkSize = stat.isFile() ? Math.max(1, Math.min(stat.size + 1, maxBytes + 1)) : 1 << 20;
    for (;;) {
      const chunk = Buffer.allocUnsafe(chunks.length === 0 ? chunkSize : 1 << 20);
      let read: number;
      try {
        read = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        throw new PlanError(file, describeFsError(e));
      }
      if (read === 0) break;
      total += read;
      if (total > maxBytes) throw tooLarge();
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** The top-level members the reader uses; the others are stepped over. */
interface TopLevel {
  format_version?: JsonSlice;
  terraform_version?: JsonSlice;
  resource_changes?: JsonSlice;
  resource_drift?: JsonSlice;
  configuration?: JsonSlice;
  prior_state?: JsonSlice;
  errored?: JsonSlice;
  complete?: JsonSlice;
}

const USED_MEMBERS: ReadonlySet<string> = new Set([
  'format_version',
  'terraform_version',
  'resource_changes',
  'resource_drift',
  'configuration',
  'prior_state',
  'errored',
  'complete',
]);

function readPlanJson(bytes: Buffer, file: string): Plan {
  const top: TopLevel = {};
  const present = new Set<string>();
  const start = skipSpace(bytes, 0);
  const object = { end: start };
  // The changes are split into entries, and the data sources read out of
  // prior_state, while the top level is scanned: their bytes are crossed once.
  const entries = new Map<string, JsonSlice[]>();
  let dataSources: PlannedResource[] = [];
  let formatVersion: string | undefined;
  const scanValue = (key: string, at: number): number | undefined => {
    if (key === 'prior_state' && bytes[at] === 0x7b) {
      const prior = readPriorStateDataSources(bytes, { start: at, end: at });
      dataSources = prior.dataSources;
      return prior.end;
    }
    if ((key !== 'resource_changes' && key !== 'resource_drift') || bytes[at] !== 0x5b) return undefined;
    const list: JsonSlice[] = [];
    const array = { end: at };
    for (const element of arrayElements(bytes, at, array)) list.push(element);
    entries.set(key, list);
    return array.end;
  };
  for (const member of objectMembers(bytes, start, object, scanValue)) {
    present.add(member.key);
    if (USED_MEMBERS.has(member.key)) top[member.key as keyof TopLevel] = member;
    // Terraform writes format_version first: an unsupported format is refused before the rest is read.
    if (member.key === 'format_version') formatVersion = supportedFormatVersion(bytes, member, file);
  }
  const afterObject = skipSpace(bytes, object.end);
  if (afterObject < bytes.length) {
    const { line } = lineAndColumn(bytes, afterObject);
    throw new PlanError(file, `not valid JSON: more text after the end of the plan's object (line ${line})`);
  }
  if (!present.has('planned_values') && !present.has('resource_changes')) throw new PlanError(file, notAPlan(present));
  if (formatVersion === undefined) throw new PlanError(file, `not a plan JSON: it has no "format_version"; ${SHOW_JSON_HINT}`);
  const plan: Plan = {
    file,
    formatVersion,
    resourceChanges: [],
    dataSources: [],
    drift: [],
    rootResources: [],
    moduleCalls: [],
    notes: [],
  };
  const terraformVersion = top.terraform_version ? optionalString(parseSlice(bytes, top.terraform_version), 'terraform_version') : undefined;
  if (terraformVersion !== undefined) plan.terraformVersion = terraformVersion;

  const facts: ChangeReadingFacts = { sawSensitivityMarks: false };
  plan.resourceChanges = readChanges(bytes, top.resource_changes, entries.get('resource_changes'), 'resource_changes', facts);
  plan.drift = readChanges(bytes, top.resource_drift, entries.get('resource_drift'), 'resource_drift', facts);
  if (top.prior_state && !isNullSlice(bytes, top.prior_state) && bytes[top.prior_state.start] !== 0x7b) {
    throw new PlanShapeError('prior_state', `an object, found ${describeSlice(bytes, top.prior_state)}`);
  }
  const dataInChanges = new Set(plan.resourceChanges.filter((r) => r.mode === 'data').map((r) => r.address));
  plan.dataSources = dataSources.filter((r) => !dataInChanges.has(r.address));
  if (top.configuration) readConfiguration(bytes, top.configuration, plan);

  if (plan.resourceChanges.length > 0 && !facts.sawSensitivityMarks) {
    plan.notes.push(
      `${file}: the plan has no sensitivity marks (before_sensitive, after_sensitive; older Terraform versions do not write them): values a provider treats as secret are not known to be secret`,
    );
  }
  if (top.errored && parseSlice(bytes, top.errored) === true) {
    plan.notes.push(`${file}: the plan is of a \`terraform plan\` that failed (errored): resources after the error may be missing`);
  }
  if (top.complete && parseSlice(bytes, top.complete) === false) {
    plan.notes.push(`${file}: the plan is incomplete (deferred changes or -target): resources not planned are not in it`);
  }
  return plan;
}

/** The format_version, when it is one this reader knows (0.x, 1.x); a PlanError otherwise. */
function supportedFormatVersion(bytes: Buffer, slice: JsonSlice, file: string): string {
  const formatVersion = parseSlice(bytes, slice);
  if (typeof formatVersion !== 'string' || !/^\d+\.\d+/.test(formatVersion)) {
    throw new PlanShapeError('format_version', `a version string such as "1.2", found ${describeJson(formatVersion)}`);
  }
  if (Number(formatVersion.split('.')[0]) >= 2) {
    throw new PlanError(
      file,
      `format_version ${quoteForMessage(formatVersion)} is not supported: this version of iac-review reads plan JSON format 0.x and 1.x (Terraform 0.12 and later, OpenTofu); a newer format may change what fields mean, so it is refused rather than misread`,
    );
  }
  return formatVersion;
}

function notAPlan(present: ReadonlySet<string>): string {
  if (present.has('values') || (present.has('format_version') && !present.has('configuration'))) {
    return `this is the JSON of a state (\`terraform show -json\` without a plan file), not of a plan: run \`terraform plan -out tfplan\`, then ${SHOW_JSON_HINT}`;
  }
  if (present.has('lineage') || present.has('serial')) {
    return `this is a Terraform state file (terraform.tfstate), not a plan: run \`terraform plan -out tfplan\`, then ${SHOW_JSON_HINT}`;
  }
  const keys = [...present].slice(0, 5).map(quoteForMessage).join(', ');
  return `not a plan JSON: it has neither "resource_changes" nor "planned_values"${keys ? ` (its members: ${keys}${present.size > 5 ? ', …' : ''})` : ' (an empty object)'}; ${SHOW_JSON_HINT}`;
}

function readChanges(bytes: Buffer, slice: JsonSlice | undefined, entries: readonly JsonSlice[] | undefined, path: string, facts: ChangeReadingFacts): PlannedResource[] {
  if (!slice || isNullSlice(bytes, slice)) return [];
  if (!entries) throw new PlanShapeError(path, `an array, found ${describeSlice(bytes, slice)}`);
  return entries.map((entry, i) => readResourceChange(parseElement(bytes, entry, `${path}[${i}]`), `${path}[${i}]`, facts));
}

/** JSON.parse of one kept slice, its syntax error placed in the file. */
function parseElement(bytes: Buffer, slice: JsonSlice, path: string): unknown {
  try {
    return parseSlice(bytes, slice);
  } catch (e) {
    if (!(e instanceof JsonSliceError)) throw e;
    throw new JsonSliceError('syntax', slice.start, `${path} is not valid JSON`);
  }
}

/**
 * `configuration`: the root module's resource addresses and every module call
 * (source, version constraint), outermost first. Resource entries are parsed
 * one by one; their expressions are dropped with them.
 */
function readConfiguration(bytes: Buffer, slice: JsonSlice, plan: Plan): void {
  if (!isObjectSlice(bytes, slice, 'configuration')) return;
  for (const member of objectMembers(bytes, slice.start)) {
    if (member.key === 'root_module') readConfigModule(bytes, member, 'configuration.root_module', '', plan);
  }
}

function readConfigModule(bytes: Buffer, slice: JsonSlice, path: string, modulePath: string, plan: Plan): void {
  if (!isObjectSlice(bytes, slice, path)) return;
  for (const member of objectMembers(bytes, slice.start)) {
    if (member.key === 'resources' && modulePath === '') {
      if (isNullSlice(bytes, member)) continue;
      if (bytes[member.start] !== 0x5b) throw new PlanShapeError(`${path}.resources`, `an array, found ${describeSlice(bytes, member)}`);
      let i = 0;
      for (const element of arrayElements(bytes, member.start)) {
        const resourcePath = `${path}.resources[${i++}]`;
        const resource = expectObject(parseElement(bytes, element, resourcePath), resourcePath);
        const address = optionalString(resource.address, `${resourcePath}.address`);
        if (address === undefined) throw new PlanShapeError(`${resourcePath}.address`, 'a string');
        plan.rootResources.push(address);
      }
    } else if (member.key === 'module_calls') {
      if (!isObjectSlice(bytes, member, `${path}.module_calls`)) continue;
      for (const call of objectMembers(bytes, member.start)) {
        readModuleCall(bytes, call, `${path}.module_calls[${quoteForMessage(call.key)}]`, modulePath, plan);
      }
    }
  }
}

/** Whether the slice is an object to read; null is an absent part, anything else is not the documented shape. */
function isObjectSlice(bytes: Buffer, slice: JsonSlice, path: string): boolean {
  if (isNullSlice(bytes, slice)) return false;
  if (bytes[slice.start] !== 0x7b) throw new PlanShapeError(path, `an object, found ${describeSlice(bytes, slice)}`);
  return true;
}

function readModuleCall(bytes: Buffer, call: JsonSlice & { key: string }, path: string, parentPath: string, plan: Plan): void {
  if (bytes[call.start] !== 0x7b) throw new PlanShapeError(path, `an object, found ${describeSlice(bytes, call)}`);
  const modulePath = parentPath === '' ? `module.${call.key}` : `${parentPath}.module.${call.key}`;
  const entry: PlannedModuleCall = { path: modulePath, name: call.key };
  plan.moduleCalls.push(entry);
  let body: JsonSlice | undefined;
  for (const member of objectMembers(bytes, call.start)) {
    if (member.key === 'source') {
      const source = optionalString(parseSlice(bytes, member), `${path}.source`);
      if (source !== undefined) entry.source = source;
    } else if (member.key === 'version_constraint') {
      const version = optionalString(parseSlice(bytes, member), `${path}.version_constraint`);
      if (version !== undefined) entry.versionConstraint = version;
    } else if (member.key === 'module') {
      body = member;
    }
  }
  // Children after the call itself: outermost first.
  if (body) readConfigModule(bytes, body, `${path}.module`, modulePath, plan);
}
