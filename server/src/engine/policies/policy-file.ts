import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { InputError } from '../finding.js';
import { computeLineStarts, rangeFromOffsets } from '../range.js';
import { describeNode, objectProperties } from '../config/option-values.js';
import { readPolicyList } from './read-policies.js';
import type { Policy } from './policy.js';

/** `*.policy.json`: the files that hold policies (SPEC §11). */
export const POLICY_FILE_SUFFIX = '.policy.json';

export function isPolicyFile(path: string): boolean {
  return path.endsWith(POLICY_FILE_SUFFIX);
}

export interface ParsedPolicyFile {
  policies: Policy[];
  /** Every problem with line and column (kind `config`): a broken policy is left out, the others apply. */
  errors: InputError[];
}

/**
 * Parses a policy file: JSON with comments, `{ "policies": [ … ] }`.
 * `reservedNamespaces` are the built-in categories, which an organisation's
 * policies may not use as their namespace.
 */
export function parsePolicyFile(file: string, text: string, reservedNamespaces: ReadonlySet<string>): ParsedPolicyFile {
  const lineStarts = computeLineStarts(text);
  const errors: InputError[] = [];
  const errorAt = (offset: number, length: number, message: string, jsonSyntax = false) =>
    errors.push({ file, message, range: rangeFromOffsets(lineStarts, offset, offset + length), kind: 'config', ...(jsonSyntax ? { jsonSyntax } : {}) });
  const error = (node: JsonNode, message: string) => errorAt(node.offset, node.length, message);
  const syntax: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(text, syntax, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // The JSON parser recurses once per level of nesting.
    if (!(e instanceof RangeError)) throw e;
    errorAt(0, 0, 'The policy file is nested too deeply to be read.');
    return { policies: [], errors };
  }
  for (const e of syntax) errorAt(e.offset, e.length, `Invalid JSON: ${printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}.`, true);
  // A file with a syntax error is not half-applied: its policies could lose a condition and report what they should not.
  if (syntax.length) return { policies: [], errors };
  if (!root || root.type !== 'object') {
    errorAt(root?.offset ?? 0, root?.length ?? 0, `A policy file must be an object { "policies": [ … ] }, not ${root ? describeNode(root) : 'empty'}.`);
    return { policies: [], errors };
  }
  let policies: Policy[] = [];
  let found = false;
  for (const [key, keyNode, value] of objectProperties(root)) {
    if (key === '$schema') {
      if (value.type !== 'string') error(value, '"$schema" must be a string.');
    } else if (key === 'policies') {
      found = true;
      policies = readPolicyList(value, { file, error, rangeOf: (n) => rangeFromOffsets(lineStarts, n.offset, n.offset + n.length), reservedNamespaces });
    } else error(keyNode, `Unknown field "${key}"; a policy file holds "policies" (and optionally "$schema").`);
  }
  if (!found) error(root, 'This policy file has no "policies" array.');
  return { policies, errors };
}
