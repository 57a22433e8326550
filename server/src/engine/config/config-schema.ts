import type { RuleMeta, RuleOptionSpec } from '../rules/rule.js';
import { PRESETS, RULE_TIME_BUDGET_RANGE, SEVERITY_SETTINGS } from './load-config.js';
import { optionValueSchema } from './option-values.js';
import { ROLES_OPTION } from './effective.js';
import { MODULE_ROLES } from '../roles/module-role.js';
import { ruleRoles } from '../roles/rule-roles.js';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema of `.iac-review.json`, generated from the rule catalog so
 * the editor validates and completes rule ids and their options
 * (committed as schemas/iac-review.schema.json by scripts/gen-config-schema.mjs).
 */
export function buildConfigSchema(rules: readonly RuleMeta[]): JsonSchema {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const ruleProperties: Record<string, JsonSchema> = {};
  for (const meta of sorted) ruleProperties[meta.id] = ruleSettingSchema(meta);

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'iac-review configuration',
    description: 'Configuration of iac-review (.iac-review.json): preset, files, rule severities and options.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: {
        description: 'The preset the rules start from.',
        enum: [...PRESETS],
        enumDescriptions: [
          'Every rule at its default severity.',
          'Every rule at least a warning; versioning rules require exact versions and commit hashes.',
          'Every rule off: enable rules one by one in "rules".',
        ],
        default: 'recommended',
      },
      include: globsSchema('Files to analyse (minimatch globs relative to this file). Default: every Terraform file.'),
      exclude: globsSchema('Files not to analyse (minimatch globs relative to this file). **/.terraform/** is always excluded.'),
      rules: { $ref: '#/definitions/rules' },
      overrides: {
        description: 'Rule settings for some files; later overrides win.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: globsSchema('The files this override applies to (minimatch globs relative to this file).'),
            rules: { $ref: '#/definitions/rules' },
          },
        },
      },
      roles: {
        description:
          'Module roles by directory glob (relative to this file); the first matching glob wins. A rule runs only in the roles ' +
          'it applies in (its "roles" option). Default: from the path (examples/, tests/, modules/...) and module calls.',
        type: 'object',
        additionalProperties: { $ref: '#/definitions/role' },
      },
      ruleTimeBudget: {
        description:
          'Seconds one rule may spend on one module. A rule that takes longer is stopped and reported as an internal error ' +
          '(its findings for that module are left out; the other rules\' findings stay). Default: 10.',
        type: 'number',
        minimum: RULE_TIME_BUDGET_RANGE.min,
        maximum: RULE_TIME_BUDGET_RANGE.max,
        default: 10,
      },
    },
    definitions: {
      role: {
        enum: [...MODULE_ROLES],
        enumDescriptions: [
          'A root module applied to real infrastructure: every rule applies.',
          'A reusable module: every rule but state/remote-backend and lifecycle/prevent-destroy.',
          'A root module that demonstrates a module: the security rules.',
          'A test harness or fixture: secrets/hardcoded-secret and suppression/*.',
        ],
      },
      severity: {
        enum: [...SEVERITY_SETTINGS],
        enumDescriptions: ['Report as an error.', 'Report as a warning.', 'Report as information.', 'Do not run the rule.'],
      },
      rules: {
        description: 'Rule settings: a severity, or [severity, options].',
        type: 'object',
        additionalProperties: false,
        properties: ruleProperties,
      },
    },
  };
}

function ruleSettingSchema(meta: RuleMeta): JsonSchema {
  const description = `${meta.title} (default: ${meta.severity}). ${meta.rationale}`;
  const severity = { $ref: '#/definitions/severity' };
  const optionEntries = Object.entries(meta.options ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const options: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...Object.fromEntries(optionEntries.map(([name, spec]) => [name, optionSchema(spec)])),
      [ROLES_OPTION]: {
        description: 'The module roles this rule applies in (every rule accepts it).',
        type: 'array',
        items: { $ref: '#/definitions/role' },
        uniqueItems: true,
        default: [...ruleRoles(meta)],
      },
    },
  };
  return {
    description,
    markdownDescription: `**${meta.title}** (default: \`${meta.severity}\`)\n\n${meta.rationale}`,
    anyOf: [
      severity,
      {
        type: 'array',
        minItems: 1,
        maxItems: 2,
        items: [severity, options],
        additionalItems: false,
      },
    ],
  };
}

function optionSchema(spec: RuleOptionSpec): JsonSchema {
  return { ...optionValueSchema(spec), description: spec.description, default: spec.default };
}

function globsSchema(description: string): JsonSchema {
  return { description, type: 'array', items: { type: 'string', minLength: 1 } };
}

/**
 * The schema the editor gets (schemas/iac-review.schema.json, package.json
 * `jsonValidation`): descriptive only. Every problem in `.iac-review.json`
 * has one owner (issue 13): the language server reports what the file means
 * (unknown settings, rule ids and options, wrong types and values, bad globs)
 * with its line and column and what applies instead, in every editor and in
 * the CLI; the editor's JSON service reports the JSON syntax (the server
 * leaves syntax errors to a client that says it has one). So this schema
 * keeps the descriptions, hovers and completions (enum values become
 * completion snippets) and drops every keyword that validates; the strict
 * schema (buildConfigSchema) stays the reference the tests check values with.
 */
export function editorConfigSchema(rules: readonly RuleMeta[]): JsonSchema {
  // The server reads comments and trailing commas: the JSON service must not flag them either.
  return { ...descriptive(buildConfigSchema(rules)), allowComments: true, allowTrailingCommas: true };
}

/** Keywords that make a JSON service report a problem (and the enum descriptions, which only work beside an enum). */
const VALIDATING = new Set([
  'type', 'enum', 'const', 'required', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'uniqueItems', 'additionalItems',
  'minProperties', 'maxProperties', 'not', 'enumDescriptions', 'markdownEnumDescriptions',
]);

/** A schema without its validating keywords; subschemas (not property names) are walked. */
function descriptive(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (VALIDATING.has(key)) continue;
    if ((key === 'properties' || key === 'definitions' || key === 'patternProperties') && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, isObject(sub) ? descriptive(sub) : sub]));
    } else if (key === 'additionalProperties') {
      if (isObject(value)) out[key] = descriptive(value);
    } else if ((key === 'items' || key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((sub) => (isObject(sub) ? descriptive(sub) : sub));
    } else if (key === 'items' && isObject(value)) {
      out[key] = descriptive(value);
    } else out[key] = value;
  }
  const snippets = completionSnippets(schema);
  if (snippets.length) out.defaultSnippets = snippets;
  return out;
}

/** What `enum` and `type` gave the editor's completion: the values with their descriptions, or an empty object/array to fill. */
function completionSnippets(schema: JsonSchema): JsonSchema[] {
  if (Array.isArray(schema.enum)) {
    const descriptions = Array.isArray(schema.enumDescriptions) ? (schema.enumDescriptions as string[]) : [];
    return schema.enum.map((value, i) => ({ label: JSON.stringify(value), body: value, ...(descriptions[i] ? { description: descriptions[i] } : {}) }));
  }
  if (schema.type === 'object') return [{ body: {} }];
  if (schema.type === 'array') return [{ body: [] }];
  return [];
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema file's text (the editor's schema): stable formatting so staleness is a plain text comparison. */
export function configSchemaText(rules: readonly RuleMeta[]): string {
  return JSON.stringify(editorConfigSchema(rules), null, 2) + '\n';
}
