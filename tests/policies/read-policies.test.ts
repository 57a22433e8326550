import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policySchemaText } from '../../server/src/engine/policies/policy-schema.js';
import { OPERATOR_NAMES } from '../../server/src/engine/policies/policy.js';
import { parsePolicyFile } from '../../server/src/engine/policies/policy-file.js';
import { parseArgumentPath } from '../../server/src/engine/policies/argument-path.js';

const RESERVED = new Set(['iam', 'encryption', 'tagging']);

const policy = (fields: Record<string, unknown>) =>
  JSON.stringify(
    {
      policies: [
        {
          id: 'acme/log-retention',
          title: 'Log groups keep logs a year',
          severity: 'warning',
          rationale: 'Audits look back a year.',
          remediation: 'Set retention_in_days to 365.',
          resourceTypes: ['aws_cloudwatch_log_group'],
          require: { path: 'retention_in_days', atLeast: 365 },
          ...fields,
        },
      ],
    },
    null,
    2,
  );

/** `line:column message` of every error. */
function errors(text: string): string[] {
  return parsePolicyFile('/w/p.policy.json', text, RESERVED).errors.map((e) => `${e.range!.start.line}:${e.range!.start.column} ${e.message}`);
}

describe('policy files', () => {
  it('reads a valid policy with its fields', () => {
    const parsed = parsePolicyFile('/w/p.policy.json', policy({ category: 'observability', fix: { argument: 'retention_in_days', value: 365 } }), RESERVED);
    expect(parsed.errors).toEqual([]);
    expect(parsed.policies).toHaveLength(1);
    const [p] = parsed.policies;
    expect(p).toMatchObject({ id: 'acme/log-retention', category: 'observability', severity: 'warning', fix: { argument: 'retention_in_days', value: 365 } });
    expect(p!.require).toMatchObject({ kind: 'test', path: { text: 'retention_in_days' }, operator: { name: 'atLeast', value: 365 } });
    expect(p!.source.range.start.line).toBe(3);
  });

  it('a syntax error has line and column, and no policy of the file applies', () => {
    const parsed = parsePolicyFile('/w/p.policy.json', '{\n  "policies": [\n    { "id": "acme/x" \n  ]\n}', RESERVED);
    expect(parsed.policies).toEqual([]);
    expect(parsed.errors[0]).toMatchObject({ range: { start: { line: 4 } } });
    expect(parsed.errors[0]!.message).toMatch(/^Invalid JSON/);
  });

  it('an unknown operator is named where it is written, with a suggestion', () => {
    const got = errors(policy({ require: { path: 'retention_in_days', atleast: 365 } }));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^14:\d+ Unknown operator "atleast" \(did you mean "atLeast"\?\)/);
  });

  it('a backreference or a lookaround is refused: patterns run on a linear-time engine', () => {
    expect(errors(policy({ require: { path: 'name', matches: '^(a)\\1$' } }))[0]).toMatch(/^14:\d+ The pattern cannot be used: `\\1` is a backreference/);
    expect(errors(policy({ require: { path: 'name', matches: '^(?=x)' } }))[0]).toMatch(/lookaround/);
  });

  it('a malformed argument path is an error at the path', () => {
    const got = errors(policy({ require: { path: 'versioning..enabled', present: true } }));
    expect(got[0]).toMatch(/^13:\d+ Malformed path: the path "versioning\.\.enabled" has an empty name at character 12/);
    expect(errors(policy({ require: { path: 'ingress[0].cidr_blocks', present: true } }))[0]).toMatch(/Malformed path/);
  });

  it('an organisation may not take a built-in category as its namespace', () => {
    expect(errors(policy({ id: 'iam/no-admins' }))[0]).toMatch(/^4:\d+ The namespace "iam" of "iam\/no-admins" is a built-in rule category/);
  });

  it('conditions nest a bounded number of levels', () => {
    let deep: unknown = { path: 'a', present: true };
    for (let i = 0; i < 40; i++) deep = { not: deep };
    expect(errors(policy({ require: deep }))[0]).toMatch(/Conditions nest more than 32 levels deep/);
    let fine: unknown = { path: 'a', present: true };
    for (let i = 0; i < 10; i++) fine = { not: fine };
    expect(errors(policy({ require: fine }))).toEqual([]);
  });

  it('missing fields, one operator per condition, and combinators standing alone', () => {
    expect(errors(policy({ title: undefined }))[0]).toMatch(/has no "title"/);
    expect(errors(policy({ require: { path: 'a', present: true, absent: true } }))[0]).toMatch(/one operator/);
    expect(errors(policy({ require: { all: [{ path: 'a', present: true }], path: 'b' } }))[0]).toMatch(/"all" stands alone/);
    expect(errors(policy({ require: { referencedBy: { type: 'aws_s3_bucket_public_access_block' } } }))[0]).toMatch(/needs "type".*and "path"/);
  });
});

describe('argument paths', () => {
  it('reads names and [*]', () => {
    const parsed = parseArgumentPath('ingress[*].cidr_blocks');
    expect(parsed).toEqual({ ok: true, path: { text: 'ingress[*].cidr_blocks', segments: [{ name: 'ingress', each: true }, { name: 'cidr_blocks', each: false }] } });
  });
  it('refuses what it cannot read', () => {
    for (const bad of ['', '.a', 'a.', 'a[1]', 'a b', 'a.[*]']) expect(parseArgumentPath(bad).ok, bad).toBe(false);
  });
});

describe('policy schema (schemas/policy.schema.json)', () => {
  const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');
  it('is up to date (run `npm run generate`)', () => {
    expect(readFileSync(join(root, 'schemas/policy.schema.json'), 'utf8')).toBe(policySchemaText());
  });
  it('completes every operator and reads comments, as the reader does', () => {
    const schema = JSON.parse(policySchemaText());
    expect(schema).toMatchObject({ allowComments: true, allowTrailingCommas: true, required: ['policies'] });
    const test = schema.definitions.condition.anyOf[1];
    expect(Object.keys(test.properties).sort()).toEqual(['path', ...OPERATOR_NAMES].sort());
  });
  it('is contributed for *.policy.json, which VS Code reads as JSON with comments', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.contributes.jsonValidation).toContainEqual({ fileMatch: '*.policy.json', url: './schemas/policy.schema.json' });
    expect(pkg.contributes.languages.find((l: { id: string }) => l.id === 'jsonc').filenamePatterns).toContain('*.policy.json');
  });
});

describe('the recommended pack (rules/**/*.policy.json)', () => {
  const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');
  it('each shipped policy file holds one valid policy, which the registry holds as a rule', async () => {
    const { RULES } = await import('../../server/src/engine/rules/registry.generated.js');
    const { readdirSync } = await import('node:fs');
    const files = (readdirSync(join(root, 'rules'), { recursive: true }) as string[]).filter((f) => f.endsWith('.policy.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const parsed = parsePolicyFile(f, readFileSync(join(root, 'rules', f), 'utf8'), new Set());
      expect(parsed.errors, f).toEqual([]);
      expect(parsed.policies.map((p) => `${p.id}.policy.json`)).toEqual([f]);
      expect(RULES.some((r) => r.meta.id === parsed.policies[0]!.id)).toBe(true);
    }
  });
});
