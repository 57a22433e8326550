import type { Node as JsonNode } from 'jsonc-parser';
import { describeNode, objectProperties } from '../config/option-values.js';
import { globProblem } from '../config/glob-limits.js';
import { isModuleRole, MODULE_ROLES, type ModuleRole } from '../roles/module-role.js';
import { isSeverity } from '../severity.js';
import { readCondition, readString, type PolicyReadContext } from './read-conditions.js';
import type { Policy, PolicyFix } from './policy.js';

export type { PolicyReadContext } from './read-conditions.js';

const POLICY_KEYS = [
  'id',
  'title',
  'severity',
  'category',
  'rationale',
  'remediation',
  'problem',
  'message',
  'undecidedText',
  'roles',
  'resourceTypes',
  'where',
  'require',
  'fix',
  'equivalents',
  'examples',
];
const REQUIRED_KEYS = ['id', 'title', 'severity', 'rationale', 'remediation', 'resourceTypes', 'require'];
const ID = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;
const ARGUMENT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const EQUIVALENT_TOOLS = ['tflint', 'trivy', 'tfsec', 'checkov'];
/** A checklist row's label: the rule catalog holds its `problem` phrases to the same bound. */
const MAX_PROBLEM_LENGTH = 19;

/** Reads a JSON array of policies; each broken policy is reported and left out, the others apply. */
export function readPolicyList(node: JsonNode, ctx: PolicyReadContext): Policy[] {
  if (node.type !== 'array') {
    ctx.error(node, `"policies" must be an array of policy objects, not ${describeNode(node)}.`);
    return [];
  }
  const out: Policy[] = [];
  const seen = new Set<string>();
  for (const item of node.children ?? []) {
    const policy = readPolicy(item, ctx);
    if (!policy) continue;
    if (seen.has(policy.id)) {
      ctx.error(item, `Policy "${policy.id}" is defined twice in this list; give each policy its own id.`);
      continue;
    }
    seen.add(policy.id);
    out.push(policy);
  }
  return out;
}

function readPolicy(node: JsonNode, ctx: PolicyReadContext): Policy | undefined {
  if (node.type !== 'object') {
    ctx.error(node, `A policy must be an object with "id", "title", "resourceTypes", "require" …, not ${describeNode(node)}.`);
    return undefined;
  }
  const fields = new Map<string, JsonNode>();
  let ok = true;
  for (const [key, keyNode, value] of objectProperties(node)) {
    if (!POLICY_KEYS.includes(key)) {
      ctx.error(keyNode, `Unknown policy field "${key}"; a policy has ${POLICY_KEYS.map((k) => `"${k}"`).join(', ')}.`);
      ok = false;
      continue;
    }
    fields.set(key, value);
  }
  const missing = REQUIRED_KEYS.filter((k) => !fields.has(k));
  if (missing.length) {
    ctx.error(node, `This policy has no ${missing.map((k) => `"${k}"`).join(', ')}; ${missing.length === 1 ? 'it is' : 'they are'} required.`);
    return undefined;
  }
  const id = readString(fields.get('id')!, '"id"', ctx);
  if (id !== undefined && !ID.test(id)) {
    ctx.error(fields.get('id')!, `The policy id "${id}" must be "<namespace>/<name>" in lower case, digits and dashes (e.g. "acme/bucket-access-block").`);
    ok = false;
  }
  const namespace = id?.split('/')[0];
  if (id !== undefined && namespace !== undefined && ctx.reservedNamespaces.has(namespace)) {
    ctx.error(
      fields.get('id')!,
      `The namespace "${namespace}" of "${id}" is a built-in rule category; an organisation's policies use their own namespace (e.g. "acme/${id.split('/')[1]}"), and "category" says what they are about.`,
    );
    ok = false;
  }
  const title = readString(fields.get('title')!, '"title"', ctx);
  const rationale = readString(fields.get('rationale')!, '"rationale"', ctx);
  const remediation = readString(fields.get('remediation')!, '"remediation"', ctx);
  const severityNode = fields.get('severity')!;
  const severity = severityNode.type === 'string' && isSeverity(severityNode.value) ? severityNode.value : undefined;
  if (!severity) ctx.error(severityNode, `"severity" must be "error", "warning" or "info", not ${describeNode(severityNode)}.`);
  const categoryNode = fields.get('category');
  const category = categoryNode ? readString(categoryNode, '"category"', ctx, /^[a-z0-9][a-z0-9-]*$/) : namespace;
  const problemNode = fields.get('problem');
  let problem: string | undefined;
  if (problemNode) {
    problem = readString(problemNode, '"problem"', ctx);
    if (problem !== undefined && (problem.length > MAX_PROBLEM_LENGTH || /[`\n]|\.$/.test(problem))) {
      ctx.error(problemNode, `"problem" is a checklist label: at most ${MAX_PROBLEM_LENGTH} characters of plain text without a final period (e.g. "no access block").`);
      problem = undefined;
    }
  }
  const messageNode = fields.get('message');
  const message = messageNode ? readTemplate(messageNode, '"message"', ['address', 'value', 'why'], ctx) : undefined;
  const undecidedNode = fields.get('undecidedText');
  const undecidedText = undecidedNode ? readTemplate(undecidedNode, '"undecidedText"', ['address', 'why'], ctx) : undefined;
  const rolesNode = fields.get('roles');
  const roles = rolesNode ? readRoles(rolesNode, ctx) : undefined;
  const resourceTypes = readResourceTypes(fields.get('resourceTypes')!, ctx);
  const whereNode = fields.get('where');
  const where = whereNode ? readCondition(whereNode, ctx) : undefined;
  const require = readCondition(fields.get('require')!, ctx);
  const fixNode = fields.get('fix');
  const fix = fixNode ? readFix(fixNode, ctx) : undefined;
  const equivalentsNode = fields.get('equivalents');
  const equivalents = equivalentsNode ? readEquivalents(equivalentsNode, ctx) : undefined;
  const examplesNode = fields.get('examples');
  const examples = examplesNode ? readExamples(examplesNode, ctx) : undefined;

  if (
    !ok ||
    id === undefined ||
    title === undefined ||
    rationale === undefined ||
    remediation === undefined ||
    severity === undefined ||
    category === undefined ||
    resourceTypes === undefined ||
    require === undefined ||
    (whereNode && !where) ||
    (messageNode && message === undefined) ||
    (undecidedNode && undecidedText === undefined) ||
    (rolesNode && !roles) ||
    (fixNode && !fix) ||
    (equivalentsNode && !equivalents) ||
    (examplesNode && !examples)
  ) {
    return undefined;
  }
  const policy: Policy = { id, title, severity, category, rationale, remediation, resourceTypes, require, source: { file: ctx.file, range: ctx.rangeOf(node) } };
  if (problem !== undefined) policy.problem = problem;
  if (message !== undefined) policy.message = message;
  if (undecidedText !== undefined) policy.undecidedText = undecidedText;
  if (roles) policy.roles = roles;
  if (where) policy.where = where;
  if (fix) policy.fix = fix;
  if (equivalents) policy.equivalents = equivalents;
  if (examples) policy.examples = examples;
  return policy;
}

/** A message template: its `{placeholders}` must be ones the engine fills in. */
function readTemplate(node: JsonNode, what: string, placeholders: readonly string[], ctx: PolicyReadContext): string | undefined {
  const text = readString(node, what, ctx);
  if (text === undefined) return undefined;
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    if (!placeholders.includes(m[1]!)) {
      ctx.error(node, `${what} has an unknown placeholder {${m[1]}}; it can use ${placeholders.map((p) => `{${p}}`).join(', ')}.`);
      return undefined;
    }
  }
  return text;
}

function readRoles(node: JsonNode, ctx: PolicyReadContext): ModuleRole[] | undefined {
  const items = node.type === 'array' ? (node.children ?? []) : [];
  const bad = node.type !== 'array' ? node : items.find((i) => !isModuleRole(i.value));
  if (bad || items.length === 0) {
    ctx.error(bad ?? node, `"roles" must be a non-empty array of module roles (${MODULE_ROLES.map((r) => `"${r}"`).join(', ')}), not ${describeNode(bad ?? node)}.`);
    return undefined;
  }
  return [...new Set(items.map((i) => i.value as ModuleRole))];
}

function readResourceTypes(node: JsonNode, ctx: PolicyReadContext): string[] | undefined {
  if (node.type !== 'array' || !node.children?.length) {
    ctx.error(node, `"resourceTypes" must be a non-empty array of block types or globs (e.g. ["aws_s3_bucket"], ["aws_db_*"], ["module"]), not ${describeNode(node)}.`);
    return undefined;
  }
  const out: string[] = [];
  for (const item of node.children) {
    if (item.type !== 'string' || item.value === '') {
      ctx.error(item, `"resourceTypes" must hold block types or globs, not ${describeNode(item)}.`);
      return undefined;
    }
    const problem = globProblem(item.value);
    if (problem) {
      ctx.error(item, `"resourceTypes" has a glob that ${problem}.`);
      return undefined;
    }
    out.push(item.value);
  }
  return out;
}

function readFix(node: JsonNode, ctx: PolicyReadContext): PolicyFix | undefined {
  if (node.type !== 'object') {
    ctx.error(node, `"fix" must be an object { "argument": "…", "value": … }, not ${describeNode(node)}.`);
    return undefined;
  }
  let argument: string | undefined;
  let value: PolicyFix['value'] | undefined;
  for (const [key, keyNode, v] of objectProperties(node)) {
    if (key === 'argument') {
      if (v.type === 'string' && ARGUMENT_NAME.test(v.value)) argument = v.value;
      else ctx.error(v, `"argument" of "fix" must be the name of an argument of the block (e.g. "retention_in_days"), not ${describeNode(v)}.`);
    } else if (key === 'value') {
      if (v.type === 'string' || v.type === 'number' || v.type === 'boolean') value = v.value as PolicyFix['value'];
      else ctx.error(v, `"value" of "fix" must be a string, number or boolean, not ${describeNode(v)}.`);
    } else ctx.error(keyNode, `Unknown field "${key}" in "fix"; it has "argument" and "value".`);
  }
  if (argument === undefined || value === undefined) {
    ctx.error(node, '"fix" needs "argument" and "value".');
    return undefined;
  }
  return { argument, value };
}

function readEquivalents(node: JsonNode, ctx: PolicyReadContext): Policy['equivalents'] {
  const out: NonNullable<Policy['equivalents']> = {};
  if (node.type !== 'object') {
    ctx.error(node, `"equivalents" must be an object such as { "checkov": ["CKV_AWS_18"] }, not ${describeNode(node)}.`);
    return undefined;
  }
  for (const [key, keyNode, value] of objectProperties(node)) {
    if (!EQUIVALENT_TOOLS.includes(key)) {
      ctx.error(keyNode, `Unknown tool "${key}" in "equivalents"; known: ${EQUIVALENT_TOOLS.map((t) => `"${t}"`).join(', ')}.`);
      return undefined;
    }
    const ids = value.type === 'array' ? (value.children ?? []) : [];
    if (value.type !== 'array' || ids.some((i) => i.type !== 'string')) {
      ctx.error(value, `"equivalents.${key}" must be an array of check ids, not ${describeNode(value)}.`);
      return undefined;
    }
    out[key as keyof typeof out] = ids.map((i) => String(i.value));
  }
  return out;
}

function readExamples(node: JsonNode, ctx: PolicyReadContext): Policy['examples'] {
  const props = node.type === 'object' ? new Map([...objectProperties(node)].map(([k, , v]) => [k, v])) : undefined;
  const failing = props?.get('failing');
  const passing = props?.get('passing');
  if (failing?.type === 'string' && passing?.type === 'string' && props!.size === 2) return { failing: failing.value, passing: passing.value };
  ctx.error(node, '"examples" must be { "failing": "<Terraform>", "passing": "<Terraform>" }.');
  return undefined;
}

