import type { Node as JsonNode } from 'jsonc-parser';
import type { RuleOptionSpec } from '../rules/rule.js';
import { compileUserPattern } from './user-pattern.js';

/**
 * A rule option's value checked against the option's schema, at every level
 * (SPEC §5: a wrong option is reported, with line and column, not ignored).
 * The schema is the one the editor validates with (config-schema.ts), so the
 * CLI, the language server and VS Code's JSON validation agree. The subset of
 * JSON Schema rule options use: `type`, `properties`, `additionalProperties`,
 * `items`, `oneOf` (branches told apart by type), `minLength` and
 * `format: "regex"` (compiled by RE2, see user-pattern.ts).
 */
export type OptionSchema = {
  type?: 'string' | 'boolean' | 'number' | 'integer' | 'array' | 'object';
  properties?: Record<string, OptionSchema>;
  additionalProperties?: boolean | OptionSchema;
  items?: OptionSchema;
  oneOf?: OptionSchema[];
  minLength?: number;
  format?: string;
  description?: string;
};

/** The JSON Schema of an option's value: its type, refined by the spec's own schema. */
export function optionValueSchema(spec: RuleOptionSpec): Record<string, unknown> {
  const refinement = spec.schema ?? {};
  switch (spec.type) {
    case 'boolean':
      return { type: 'boolean', ...refinement };
    case 'string':
      return { type: 'string', ...refinement };
    case 'string[]':
      return { type: 'array', items: { type: 'string' }, ...refinement };
    case 'object':
      return { type: 'object', ...refinement };
  }
}

export interface OptionProblem {
  node: JsonNode;
  message: string;
  /** The option's JSON Schema (optionValueSchema) rejects it too: a wrong type, an empty string, an unknown key. */
  schemaCovered: boolean;
}

/** Problems reported per option at most: a list of 10,000 numbers is one mistake, not 10,000 diagnostics. */
const MAX_PROBLEMS = 20;

/**
 * Reads an option's value. Whatever is wrong is a problem; what is kept
 * follows one rule: a wrong item makes its whole array wrong (a list half
 * read would mean something else), a wrong property or map entry is left
 * out of its object (the rest of the object still applies), and a wrong
 * option is left out entirely, so the rule's default stays in force.
 */
export function readOptionValue(
  spec: RuleOptionSpec,
  node: JsonNode,
  name: string,
  ruleId: string,
): { ok: true; value: unknown; problems: OptionProblem[] } | { ok: false; problems: OptionProblem[] } {
  const reader = new OptionReader(ruleId);
  const read = reader.read(optionValueSchema(spec) as OptionSchema, node, name, '');
  const problems = reader.problems.slice(0, MAX_PROBLEMS);
  if (reader.problems.length > MAX_PROBLEMS) {
    const covered = reader.problems.slice(MAX_PROBLEMS).every((p) => p.schemaCovered);
    problems.push({ node, message: `Option "${name}" of "${ruleId}" has ${reader.problems.length - MAX_PROBLEMS} more problems like these.`, schemaCovered: covered });
  }
  return read.ok ? { ok: true, value: read.value, problems } : { ok: false, problems };
}

type Read = { ok: true; value: unknown } | { ok: false };
const INVALID: Read = { ok: false };

class OptionReader {
  readonly problems: OptionProblem[] = [];

  constructor(private readonly ruleId: string) {}

  /**
   * `path` names the value (`values.Env`); `leftOut` says what happens to it
   * when it is wrong, for values inside the option (empty for the option itself).
   */
  read(schema: OptionSchema, node: JsonNode, path: string, leftOut: string): Read {
    if (schema.oneOf) {
      const branch = schema.oneOf.find((b) => typeMatches(b, node));
      if (!branch) return this.problem(node, `${this.subject(path)} must be ${describeSchema(schema)}, not ${describeNode(node)}`, leftOut);
      return this.read(branch, node, path, leftOut);
    }
    if (!typeMatches(schema, node)) return this.problem(node, `${this.subject(path)} must be ${describeSchema(schema)}, not ${describeNode(node)}`, leftOut);
    switch (node.type) {
      case 'string': {
        const text = String(node.value);
        if (schema.minLength !== undefined && text.length < schema.minLength) return this.problem(node, `${this.subject(path)} must not be empty`, leftOut);
        if (schema.format === 'regex') {
          const compiled = compileUserPattern(text);
          // RE2 syntax: no JSON Schema keyword checks it.
          if (!compiled.ok) return this.problem(node, `${this.subject(path)} is not a usable regular expression: ${compiled.error}`, leftOut, false);
        }
        return { ok: true, value: text };
      }
      case 'array': {
        const items: unknown[] = [];
        let ok = true;
        (node.children ?? []).forEach((child, i) => {
          let read: Read;
          if (!schema.items) read = { ok: true, value: plainValue(child) };
          else if (!schema.items.oneOf && !typeMatches(schema.items, child)) {
            // Said of the list, where it is written: `must be an array of strings, not an array containing the number 3`.
            read = this.problem(child, `${this.subject(path)} must be ${describeSchema(schema)}, not an array containing ${describeNode(child)}`, leftOut);
          } else read = this.read(schema.items, child, `${path}[${i}]`, leftOut);
          if (read.ok) items.push(read.value);
          else ok = false;
        });
        return ok ? { ok: true, value: items } : INVALID;
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        const known = Object.keys(schema.properties ?? {});
        for (const [key, keyNode, value] of objectProperties(node)) {
          const memberSchema = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
          if (memberSchema) {
            const read = this.read(memberSchema, value, `${path}${memberPath(key)}`, `"${key}" is left out, the rest of "${path}" applies`);
            if (read.ok) out[key] = read.value;
          } else if (schema.additionalProperties === false) {
            const expected = known.length ? `; expected ${known.map((k) => `"${k}"`).join(', ')}` : '';
            this.problem(keyNode, `${this.subject(path)} has no setting "${key}"${expected}`, '');
          } else out[key] = plainValue(value);
        }
        return { ok: true, value: out };
      }
      default:
        return { ok: true, value: node.value };
    }
  }

  private subject(path: string): string {
    return `Option "${path}" of "${this.ruleId}"`;
  }

  private problem(node: JsonNode, message: string, leftOut: string, schemaCovered = true): Read {
    this.problems.push({ node, message: `${message}${leftOut ? ` (${leftOut})` : ''}.`, schemaCovered });
    return INVALID;
  }
}

function typeMatches(schema: OptionSchema, node: JsonNode): boolean {
  switch (schema.type) {
    case undefined:
      return true;
    case 'integer':
      return node.type === 'number' && Number.isInteger(node.value);
    default:
      return schema.type === node.type;
  }
}

/** `.add`, `.Env`, `["Cost Center"]`. */
function memberPath(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function describeSchema(schema: OptionSchema): string {
  if (schema.oneOf) return schema.oneOf.map(describeSchema).join(' or ');
  switch (schema.type) {
    case 'string':
      return schema.format === 'regex' ? 'a regular expression (a string)' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'integer':
      return 'a whole number';
    case 'array':
      return schema.items?.type === 'string' ? 'an array of strings' : 'an array';
    case 'object':
      return 'an object';
    default:
      return 'a value';
  }
}

/** How a JSON value is named in messages. */
export function describeNode(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return `the string ${JSON.stringify(node.value)}`;
    case 'number':
      return `the number ${node.value}`;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    default:
      return 'a property';
  }
}

/** The properties of a JSON object node: key, key node, value node. */
export function* objectProperties(node: JsonNode): Generator<[string, JsonNode, JsonNode]> {
  for (const prop of node.children ?? []) {
    const [keyNode, value] = prop.children ?? [];
    // jsonc-parser leaves a property without a value when the text is broken; syntax errors already cover it.
    if (keyNode && value) yield [String(keyNode.value), keyNode, value];
  }
}

/** A JSON node as a plain value. */
export function plainValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, , value] of objectProperties(node)) out[key] = plainValue(value);
      return out;
    }
    case 'array':
      return (node.children ?? []).map(plainValue);
    default:
      return node.value;
  }
}
