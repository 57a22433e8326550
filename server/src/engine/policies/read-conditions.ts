import type { Node as JsonNode } from 'jsonc-parser';
import type { Range } from '../range.js';
import { describeNode, objectProperties, plainValue } from '../config/option-values.js';
import { compileUserPattern } from '../config/user-pattern.js';
import { parseArgumentPath, type ArgumentPath } from './argument-path.js';
import { OPERATOR_NAMES, type Condition, type JsonValue, type Operator, type OperatorName } from './policy.js';

/*
 * Reading a policy's conditions (SPEC §11) from the JSON tree: argument
 * paths, operators, `all`/`any`/`not`, `referencedBy`. Every problem is an
 * error at the node it is about (line and column); a broken condition
 * leaves its policy out.
 */

/** What reading policies needs from its caller: where errors go and how a node's offsets become a range. */
export interface PolicyReadContext {
  file: string;
  rangeOf(node: JsonNode): Range;
  error(node: JsonNode, message: string): void;
  /** Namespaces a policy may not use (the built-in categories); the shipped `recommended` pack passes none. */
  reservedNamespaces: ReadonlySet<string>;
}

const COMBINATORS = ['all', 'any', 'not', 'referencedBy'];
/** Conditions nest this deep at most: a standard reads as a few levels; evaluation recurses once per level. */
export const MAX_CONDITION_DEPTH = 32;

/** A condition: an object, or an array of conditions that must all hold. */
export function readCondition(node: JsonNode, ctx: PolicyReadContext, depth = 0): Condition | undefined {
  if (depth >= MAX_CONDITION_DEPTH) {
    ctx.error(node, `Conditions nest more than ${MAX_CONDITION_DEPTH} levels deep here; write the standard with fewer levels.`);
    return undefined;
  }
  if (node.type === 'array') {
    const conditions = readConditionList(node, ctx, 'A condition list', depth);
    return conditions && { kind: 'all', conditions };
  }
  if (node.type !== 'object') {
    ctx.error(node, `A condition must be an object such as { "path": "versioning.enabled", "equals": true }, or an array of them, not ${describeNode(node)}.`);
    return undefined;
  }
  const props = [...objectProperties(node)];
  const combinator = props.find(([key]) => COMBINATORS.includes(key));
  if (combinator) {
    const [key, keyNode, value] = combinator;
    const extra = props.find(([k]) => k !== key);
    if (extra) {
      ctx.error(extra[1], `"${key}" stands alone in its condition; put "${extra[0]}" in a condition of its own (inside "all" to require both).`);
      return undefined;
    }
    if (key === 'all' || key === 'any') {
      const conditions = readConditionList(value, ctx, `"${key}"`, depth);
      return conditions && { kind: key, conditions };
    }
    if (key === 'not') {
      const condition = readCondition(value, ctx, depth + 1);
      return condition && { kind: 'not', condition };
    }
    void keyNode;
    return readReferencedBy(value, ctx, depth);
  }
  let path: ArgumentPath | undefined;
  let pathSeen = false;
  const operators: Array<[OperatorName, JsonNode, JsonNode]> = [];
  let ok = true;
  for (const [key, keyNode, value] of props) {
    if (key === 'path') {
      pathSeen = true;
      path = readPath(value, ctx);
      if (!path) ok = false;
    } else if ((OPERATOR_NAMES as readonly string[]).includes(key)) {
      operators.push([key as OperatorName, keyNode, value]);
    } else {
      ctx.error(keyNode, `Unknown operator "${key}"${suggest(key, [...OPERATOR_NAMES, ...COMBINATORS, 'path'])}; a condition has "path" and one of ${OPERATOR_NAMES.map((o) => `"${o}"`).join(', ')}, or is "all", "any", "not" or "referencedBy".`);
      ok = false;
    }
  }
  if (!pathSeen) {
    ctx.error(node, 'This condition has no "path": name the argument or nested block it tests, e.g. "path": "versioning.enabled".');
    return undefined;
  }
  if (operators.length !== 1) {
    if (ok) ctx.error(node, operators.length ? 'A condition tests one operator; combine several with "all" or "any".' : `This condition has no operator; add one of ${OPERATOR_NAMES.map((o) => `"${o}"`).join(', ')}.`);
    return undefined;
  }
  const [name, , value] = operators[0]!;
  const operator = readOperator(name, value, ctx);
  if (!ok || !path || !operator) return undefined;
  return { kind: 'test', path, operator };
}

function readConditionList(node: JsonNode, ctx: PolicyReadContext, what: string, depth: number): Condition[] | undefined {
  if (node.type !== 'array' || !node.children?.length) {
    ctx.error(node, `${what} must be a non-empty array of conditions, not ${describeNode(node)}.`);
    return undefined;
  }
  const conditions = node.children.map((c) => readCondition(c, ctx, depth + 1));
  return conditions.every((c): c is Condition => c !== undefined) ? conditions : undefined;
}

function readReferencedBy(node: JsonNode, ctx: PolicyReadContext, depth: number): Condition | undefined {
  if (node.type !== 'object') {
    ctx.error(node, `"referencedBy" must be an object { "type": "…", "path": "…", "require": … }, not ${describeNode(node)}.`);
    return undefined;
  }
  let type: string | undefined;
  let path: ArgumentPath | undefined;
  let require: Condition | undefined;
  let ok = true;
  for (const [key, keyNode, value] of objectProperties(node)) {
    if (key === 'type') {
      type = readString(value, '"type" of "referencedBy"', ctx, /^[a-z0-9_]+$/);
      if (type !== undefined && !type.includes('_')) {
        ctx.error(value, `"type" of "referencedBy" must be a resource type such as "aws_s3_bucket_public_access_block", not "${type}".`);
        type = undefined;
      }
    } else if (key === 'path') path = readPath(value, ctx);
    else if (key === 'require') {
      require = readCondition(value, ctx, depth + 1);
      if (!require) ok = false;
    } else {
      ctx.error(keyNode, `Unknown field "${key}" in "referencedBy"; it has "type", "path" and an optional "require".`);
      ok = false;
    }
  }
  if (type === undefined || path === undefined) {
    if (ok) ctx.error(node, '"referencedBy" needs "type" (the referring resource type) and "path" (its argument that refers to the block).');
    return undefined;
  }
  if (!ok) return undefined;
  return require ? { kind: 'referencedBy', type, path, require } : { kind: 'referencedBy', type, path };
}

function readPath(node: JsonNode, ctx: PolicyReadContext): ArgumentPath | undefined {
  if (node.type !== 'string') {
    ctx.error(node, `"path" must be a string such as "versioning.enabled", not ${describeNode(node)}.`);
    return undefined;
  }
  const parsed = parseArgumentPath(node.value);
  if (!parsed.ok) {
    ctx.error(node, `Malformed path: ${parsed.error}.`);
    return undefined;
  }
  return parsed.path;
}

function readOperator(name: OperatorName, node: JsonNode, ctx: PolicyReadContext): Operator | undefined {
  switch (name) {
    case 'present':
    case 'absent':
      if (node.type === 'boolean' && node.value === true) return { name };
      ctx.error(node, `"${name}" takes true (write "${name === 'present' ? 'absent' : 'present'}": true for the opposite), not ${describeNode(node)}.`);
      return undefined;
    case 'equals':
    case 'contains':
    case 'notContains':
      return { name, value: plainValue(node) as JsonValue };
    case 'oneOf':
      if (node.type === 'array' && node.children?.length) return { name, values: plainValue(node) as JsonValue[] };
      ctx.error(node, `"oneOf" takes a non-empty array of allowed values, not ${describeNode(node)}.`);
      return undefined;
    case 'matches': {
      if (node.type !== 'string') {
        ctx.error(node, `"matches" takes a regular expression as a string, not ${describeNode(node)}.`);
        return undefined;
      }
      const compiled = compileUserPattern(node.value);
      if (!compiled.ok) {
        ctx.error(node, `The pattern cannot be used: ${compiled.error}.`);
        return undefined;
      }
      return { name, pattern: compiled.pattern };
    }
    case 'lessThan':
    case 'atLeast':
      if (node.type === 'number' && Number.isFinite(node.value)) return { name, value: node.value };
      ctx.error(node, `"${name}" takes a number, not ${describeNode(node)}.`);
      return undefined;
    case 'versionAtLeast': {
      const m = node.type === 'string' ? /^v?(\d+(?:\.\d+){0,2})$/.exec(node.value.trim()) : null;
      if (m) return { name, version: m[1]!.split('.').map(Number), text: m[1]! };
      ctx.error(node, `"versionAtLeast" takes a version such as "2.1.0", not ${describeNode(node)}.`);
      return undefined;
    }
  }
}

export function readString(node: JsonNode, what: string, ctx: PolicyReadContext, shape?: RegExp): string | undefined {
  if (node.type !== 'string' || node.value.trim() === '') {
    ctx.error(node, `${what} must be a non-empty string, not ${describeNode(node)}.`);
    return undefined;
  }
  if (shape && !shape.test(node.value)) {
    ctx.error(node, `${what} must be lower case letters, digits and dashes, not ${describeNode(node)}.`);
    return undefined;
  }
  return node.value;
}

/** ` (did you mean "x"?)` for a near miss. */
function suggest(got: string, candidates: readonly string[]): string {
  const lower = got.toLowerCase();
  const close = candidates.find((c) => c.toLowerCase() === lower || distance(c.toLowerCase(), lower) <= 2);
  return close ? ` (did you mean "${close}"?)` : '';
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
