// The acceptance fixtures of SPEC §11 (test-fixtures/policies/): each directory is run with `policy test`
// (expectations in both directions), the broken policy files give line/column errors and exit 2.
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPolicyTest } from '../../server/src/engine/policies/policy-test.js';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { parsePolicyFile } from '../../server/src/engine/policies/policy-file.js';
import { main } from '../../server/src/cli/cli.js';
import type { CliIO } from '../../server/src/cli/io.js';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..', 'test-fixtures', 'policies');
const NOW = new Date('2026-11-23T12:00:00Z');
const standards = readdirSync(ROOT)
  .filter((d) => d !== 'invalid' && statSync(join(ROOT, d)).isDirectory())
  .sort();

function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  return { code: main(argv, io), stdout, stderr };
}

describe('policy fixtures (iac-review policy test)', () => {
  it('has at least ten organisation standards', () => {
    expect(standards.length).toBeGreaterThanOrEqual(10);
  });
  for (const standard of standards) {
    it(standard, () => {
      const result = runPolicyTest({ dir: join(ROOT, standard), now: NOW });
      expect(result.configErrors).toEqual([]);
      expect(result.inputProblems).toEqual([]);
      expect(result.missing.map((m) => `${m.file}:${m.line} ${m.ruleId}`), 'expected, not reported').toEqual([]);
      expect(result.unexpected.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}: ${f.message}`), 'reported, not expected').toEqual([]);
      // Both directions: something is reported, and the fixtures hold blocks that are not.
      expect(result.met.length).toBeGreaterThan(0);
    });
  }

  it('the CLI exits 0 when every expectation is met, 1 with a diff when one is not', () => {
    expect(run(['policy', 'test', join(ROOT, 's3-versioning')], ROOT)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: 1 policy, 2 of 2 expected/) });
    const dir = mkdtempSync(join(tmpdir(), 'iac-review-policy-test-'));
    cpSync(join(ROOT, 's3-versioning'), dir, { recursive: true });
    const main_tf = join(dir, 'main.tf');
    // One expectation removed (reported, not expected), one added (expected, not reported).
    writeFileSync(
      main_tf,
      readFileSync(main_tf, 'utf8')
        .replace('"Suspended" # expect: acme/bucket-versioning-enabled', '"Suspended"')
        .replace('"Enabled"\n', '"Enabled" # expect: acme/bucket-versioning-enabled\n'),
    );
    const { code, stdout } = run(['policy', 'test', dir], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^- main\.tf:8 acme\/bucket-versioning-enabled \(expected, not reported\)$/m);
    expect(stdout).toMatch(/^\+ main\.tf:15 acme\/bucket-versioning-enabled \(reported, not expected\): aws_s3_bucket_versioning\.suspended: versioning_configuration\.status is "Suspended"/m);
    expect(stdout).toMatch(/^FAILED: /m);
  });
});

describe('certainty: unknown values are undecided items, never findings', () => {
  const undecidedOf = (standard: string, sub: string) => {
    const dir = join(ROOT, standard);
    const policies = readdirSync(dir)
      .filter((f) => f.endsWith('.policy.json'))
      .flatMap((f) => parsePolicyFile(join(dir, f), readFileSync(join(dir, f), 'utf8'), new Set()).policies);
    const result = analyzeWorkspace({
      cwd: join(dir, sub),
      paths: [join(dir, sub)],
      rules: [],
      now: NOW,
      config: { config: { baseDir: dir, extends: 'none', include: [], exclude: [], rules: {}, overrides: [], roles: [], policies }, errors: [] },
    });
    return { findings: result.findings, undecided: result.undecided.map((u) => `${u.address} ${u.ruleId}: ${u.reason}`) };
  };

  it('a public-access block for a bucket an input names, or set from an input', () => {
    const { findings, undecided } = undecidedOf('s3-public-access-block', 'module-input');
    expect(findings).toEqual([]);
    expect(undecided).toEqual([
      expect.stringMatching(/^aws_s3_bucket\.this acme\/bucket-public-access-block: whether aws_s3_bucket_public_access_block\.other refers to aws_s3_bucket\.this is not known statically \(var\.bucket_id/),
      expect.stringMatching(/^aws_s3_bucket\.second acme\/bucket-public-access-block: /),
    ]);
  });

  it('a key and an encryption flag from a child module\'s inputs', () => {
    const { findings, undecided } = undecidedOf('rds-customer-managed-key', 'child-module');
    expect(findings).toEqual([]);
    expect(undecided).toEqual([expect.stringMatching(/^aws_db_instance\.this acme\/rds-customer-managed-key: var\.encrypted is an input/)]);
  });

  it('tags, members and dynamic blocks from inputs', () => {
    const tags = undecidedOf('tag-values-per-environment', '.');
    // The Environment tag is an input: its value is undecided; the classification passes whether or not it is prod.
    expect(tags.undecided).toEqual([expect.stringMatching(/^aws_s3_bucket\.per_env acme\/environment-tag: var\.environment is an input/)]);
    expect(undecidedOf('gcs-no-public-members', '.').undecided).toEqual([expect.stringMatching(/^google_storage_bucket_iam_binding\.writers /)]);
    expect(undecidedOf('instance-volumes-encrypted', '.').undecided).toEqual([expect.stringMatching(/^aws_instance\.dynamic_volumes /)]);
    expect(undecidedOf('s3-versioning', '.').undecided).toEqual([expect.stringMatching(/^aws_s3_bucket_versioning\.input /)]);
  });

  it('an argument that refers to a resource is set, though its value is known only after apply', () => {
    // aws_db_instance.orders: kms_key_id = aws_kms_key.db.arn. Only the child module's input is left to a reviewer.
    expect(undecidedOf('rds-customer-managed-key', '.').undecided).toEqual([expect.stringMatching(/^aws_db_instance\.this /)]);
  });

  it('a block that exists under a condition is reported, and the message says when', () => {
    const { findings } = undecidedOf('rds-customer-managed-key', '.');
    expect(findings.find((f) => f.address === 'aws_db_instance.optional')?.message).toMatch(/, when var\.create is true$/);
  });
});

describe('broken policy files: line and column, exit 2', () => {
  const cases = {
    'syntax-error': { at: '7:7', message: /^Invalid JSON: comma expected/ },
    'unknown-operator': { at: '10:38', message: /^Unknown operator "startsWith"/ },
    backreference: { at: '10:49', message: /^The pattern cannot be used: `\\1` is a backreference/ },
    'malformed-path': { at: '10:28', message: /^Malformed path: the path "tags\.\.Owner" has an empty name/ },
  };
  for (const [name, { at, message }] of Object.entries(cases)) {
    it(name, () => {
      const dir = join(ROOT, 'invalid', name);
      const result = runPolicyTest({ dir, now: NOW });
      expect(result.configErrors.map((e) => `${e.range!.start.line}:${e.range!.start.column}`)).toEqual([at]);
      expect(result.configErrors[0]!.message).toMatch(message);
      const cli = run(['policy', 'test', dir], dir);
      expect(cli.code).toBe(2);
      expect(cli.stderr).toContain(`bucket.policy.json:${at}: error: `);
      // Through `extends` in a configuration, `check` stops with exit 2 too.
      const ws = mkdtempSync(join(tmpdir(), 'iac-review-bad-policy-'));
      cpSync(dir, ws, { recursive: true });
      writeFileSync(join(ws, '.iac-review.json'), '{ "extends": ["recommended", "./bucket.policy.json"] }');
      const check = run(['check', '.'], ws);
      expect(check.code).toBe(2);
      expect(check.stderr).toContain(`bucket.policy.json:${at}: error: `);
    });
  }
});
