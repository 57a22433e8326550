import type { RuleMeta, RuleOptionSpec } from '../rules/rule.js';
import { PRESETS, RULE_TIME_BUDGET_RANGE, SEVERITY_SETTINGS } from './load-config.js';
import { optionValueSchema } from './option-values.js';
import { ROLES_OPTION } from './effective.js';
import { MODULE_ROLES } from '../roles/module-role.js';
import { ruleRoles } from '../roles/rule-roles.js';
import { policyDefinitions } from '../policies/policy-schema.js';

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
        description:
          'The preset the rules start from, a path (./standards, a *.policy.json file) or an npm package in node_modules (@acme/iac-standards) ' +
          'whose iac-review.json and *.policy.json files are read as data; or an array of them, applied in order.',
        anyOf: [{ $ref: '#/definitions/extendsEntry' }, { type: 'array', items: { $ref: '#/definitions/extendsEntry' } }],
        default: 'recommended',
      },
      policies: {
        description: 'Policies: your organisation\'s standards as data, run like the built-in rules (see *.policy.json).',
        type: 'array',
        items: { $ref: '#/definitions/policy' },
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
      extendsEntry: {
        anyOf: [
          {
            enum: [...PRESETS],
            enumDescriptions: [
              'Every rule at its default severity.',
              'Every rule at least a warning; versioning rules require exact versions and commit hashes.',
              'Every rule off: enable rules one by one in "rules".',
            ],
          },
          { type: 'string', minLength: 1, description: 'A path starting with ./ or ../, or an npm package name.' },
        ],
      },
      ...policyDefinitions(),
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
        // Policies (ids outside the built-in categories): a severity, or [severity, { "roles": [...] }].
        patternProperties: { [policyIdPattern(rules)]: policySettingSchema() },
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

/** Ids a policy can have: `<namespace>/<name>` with a namespace that is no built-in category. */
function policyIdPattern(rules: readonly RuleMeta[]): string {
  const categories = [...new Set(rules.map((r) => r.category))].sort();
  return `^(?!(${categories.join('|')})/)[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$`;
}

function policySettingSchema(): JsonSchema {
  const severity = { $ref: '#/definitions/severity' };
  const options = {
    type: 'object',
    additionalProperties: false,
    properties: { [ROLES_OPTION]: { description: 'The module roles this policy applies in.', type: 'array', items: { $ref: '#/definitions/role' }, uniqueItems: true } },
  };
  return { anyOf: [severity, { type: 'array', minItems: 1, maxItems: 2, items: [severity, options], additionalItems: false }] };
}

function optionSchema(spec: RuleOptionSpec): JsonSchema {
  return { ...optionValueSchema(spec), description: spec.description, default: spec.default };
}

function globsSchema(description: string): JsonSchema {
  return { description, type: 'array', items: { type: 'string', minLength: 1 } };
}

/** The schema file's text (the editor's schema): stable formatting so staleness is a plain text comparison. */
export function configSchemaText(rules: readonly RuleMeta[]): string {
  return JSON.stringify(shippedConfigSchema(rules), null, 2) + '\n';
}

/**
 * The schema shipped for the editor (SPEC §5: VS Code validates and completes
 * `.iac-review.json` with it): the strict schema, reading comments and
 * trailing commas as the server does. The server leaves what it rejects to a
 * client that validates with it (initialization option `configSchemaErrors`).
 */
export function shippedConfigSchema(rules: readonly RuleMeta[]): JsonSchema {
  return { ...buildConfigSchema(rules), allowComments: true, allowTrailingCommas: true };
}
