import { MODULE_ROLES } from '../roles/module-role.js';
import { OPERATOR_NAMES } from './policy.js';

type JsonSchema = Record<string, unknown>;

const OPERATOR_DOCS: Record<(typeof OPERATOR_NAMES)[number], { description: string; schema: JsonSchema }> = {
  present: { description: 'The argument or nested block is set (not absent, not null).', schema: { const: true } },
  absent: { description: 'The argument or nested block is not set (or null).', schema: { const: true } },
  equals: { description: 'Every value reached equals this one (Terraform conversions: "true" equals true, "90" equals 90).', schema: {} },
  oneOf: { description: 'Every value reached is one of these.', schema: { type: 'array', minItems: 1 } },
  matches: {
    description: 'Every value reached matches this regular expression (RE2 syntax, run in linear time: no backreferences or lookaround). Anchor it with ^ and $ to match the whole value.',
    schema: { type: 'string', format: 'regex' },
  },
  lessThan: { description: 'Every value reached is a number below this one.', schema: { type: 'number' } },
  atLeast: { description: 'Every value reached is a number at least this one.', schema: { type: 'number' } },
  contains: { description: 'Every value reached (a list, a map\'s keys, or a string) contains this.', schema: {} },
  notContains: { description: 'No value reached (a list, a map\'s keys, or a string) contains this; an absent argument contains nothing.', schema: {} },
  versionAtLeast: {
    description: 'The lowest version a version constraint (or a git source\'s ?ref=) allows is at least this one.',
    schema: { type: 'string', pattern: '^v?\\d+(\\.\\d+){0,2}$' },
  },
};

/** The JSON Schema definitions of a policy and its conditions, shared by the policy file schema and the config schema. */
export function policyDefinitions(): Record<string, JsonSchema> {
  const test: JsonSchema = {
    type: 'object',
    description: 'Tests what an argument path reaches with one operator.',
    required: ['path'],
    additionalProperties: false,
    minProperties: 2,
    maxProperties: 2,
    properties: {
      path: {
        type: 'string',
        description: 'An argument path: names separated by dots, each optionally followed by [*] — "versioning.enabled", "ingress[*].cidr_blocks", "tags.Environment". Nested and dynamic blocks are followed as the built-in rules see them.',
        pattern: '^[A-Za-z_][A-Za-z0-9_-]*(\\[\\*\\])?(\\.[A-Za-z_][A-Za-z0-9_-]*(\\[\\*\\])?)*$',
      },
      ...Object.fromEntries(OPERATOR_NAMES.map((name) => [name, { ...OPERATOR_DOCS[name].schema, description: OPERATOR_DOCS[name].description }])),
    },
  };
  const condition: JsonSchema = {
    description: 'A condition, or an array of conditions that must all hold.',
    anyOf: [
      { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } },
      test,
      { type: 'object', additionalProperties: false, required: ['all'], properties: { all: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' }, description: 'Every condition holds.' } } },
      { type: 'object', additionalProperties: false, required: ['any'], properties: { any: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' }, description: 'At least one condition holds.' } } },
      { type: 'object', additionalProperties: false, required: ['not'], properties: { not: { $ref: '#/definitions/condition', description: 'The condition does not hold.' } } },
      {
        type: 'object',
        additionalProperties: false,
        required: ['referencedBy'],
        properties: {
          referencedBy: {
            type: 'object',
            description: 'Another resource of "type" whose argument at "path" refers to this block (e.g. the bucket\'s aws_s3_bucket_public_access_block), meeting "require" when given.',
            additionalProperties: false,
            required: ['type', 'path'],
            properties: {
              type: { type: 'string', pattern: '^[a-z0-9]+_[a-z0-9_]+$', description: 'The referring resource type.' },
              path: { type: 'string', description: 'Its argument that refers to this block (e.g. "bucket").' },
              require: { $ref: '#/definitions/condition' },
            },
          },
        },
      },
    ],
  };
  const policy: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'title', 'severity', 'rationale', 'remediation', 'resourceTypes', 'require'],
    properties: {
      id: {
        type: 'string',
        pattern: '^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$',
        description: '"<namespace>/<name>": your organisation\'s namespace (not a built-in category such as "iam").',
      },
      title: { type: 'string', minLength: 1, description: 'The standard in one sentence, shown with every finding.' },
      severity: { enum: ['error', 'warning', 'info'], description: 'Default severity; .iac-review.json "rules" and "overrides" change it per path.' },
      category: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'What it is about (e.g. "encryption"); default: the namespace.' },
      rationale: { type: 'string', minLength: 1, description: 'Why the standard exists (shown in hovers, docs and SARIF help).' },
      remediation: { type: 'string', minLength: 1, description: 'How to fix a finding.' },
      problem: { type: 'string', maxLength: 19, description: 'A few words for a checklist row (e.g. "no access block").' },
      message: {
        type: 'string',
        description: 'A finding\'s message; {address} (the block), {value} (the deciding value, as HCL writes it) and {why} (what was found) are filled in. Default: "{address}: {why}. <title>".',
      },
      undecidedText: {
        type: 'string',
        description: 'What a reviewer checks when an unknown value leaves it undecided; {address} and {why} are filled in.',
      },
      roles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...MODULE_ROLES] }, description: 'The module roles it applies in; default: those of its category.' },
      resourceTypes: {
        type: 'array',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
        description: 'Block types or globs it selects ("aws_s3_bucket", "aws_db_*"); "module" selects module calls, "data.<type>" data sources.',
      },
      where: { $ref: '#/definitions/condition', description: 'Selects the blocks it applies to.' },
      require: { $ref: '#/definitions/condition', description: 'What each selected block must meet.' },
      fix: {
        type: 'object',
        additionalProperties: false,
        required: ['argument', 'value'],
        description: 'A quick fix that sets one argument of the block.',
        properties: { argument: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' }, value: { type: ['string', 'number', 'boolean'] } },
      },
      equivalents: {
        type: 'object',
        additionalProperties: false,
        description: 'Ids of the same check in other tools (their suppression comments then work too).',
        properties: Object.fromEntries(['tflint', 'trivy', 'tfsec', 'checkov'].map((t) => [t, { type: 'array', items: { type: 'string' } }])),
      },
      examples: {
        type: 'object',
        additionalProperties: false,
        required: ['failing', 'passing'],
        properties: { failing: { type: 'string' }, passing: { type: 'string' } },
      },
    },
  };
  return { condition, policy };
}

/** The JSON Schema of a `*.policy.json` file (schemas/policy.schema.json). */
export function policyFileSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'iac-review policy file',
    description: 'Policies (*.policy.json): an organisation\'s standards as data, run like iac-review\'s built-in rules.',
    type: 'object',
    additionalProperties: false,
    required: ['policies'],
    properties: {
      $schema: { type: 'string' },
      policies: { type: 'array', items: { $ref: '#/definitions/policy' } },
    },
    definitions: policyDefinitions(),
    allowComments: true,
    allowTrailingCommas: true,
  };
}

export function policySchemaText(): string {
  return JSON.stringify(policyFileSchema(), null, 2) + '\n';
}
