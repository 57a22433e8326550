// The recommended pack is read at generation (scripts/gen-rule-registry.mjs), not at every start: the registry
// must be the reader's current output, and a shipped rule the rule the reader's policy makes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import { parsePolicyFile } from '../../server/src/engine/policies/policy-file.js';
import { policyRule, typeMatcher } from '../../server/src/engine/policies/policy-rule.js';
import { MAX_GLOB_EXPANSION } from '../../server/src/engine/config/glob-limits.js';
import { Minimatch } from 'minimatch';
import { shippedPattern } from '../../server/src/engine/policies/shipped-policies.js';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { fileTree } from '../support/file-tree.js';

const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');
const shippedFiles = (readdirSync(join(root, 'rules'), { recursive: true }) as string[]).filter((f) => f.endsWith('.policy.json')).sort();

describe('the recommended pack in the registry', () => {
  it('is the generator’s current output (it is built, not committed: `npm run build` after changing a policy file or the reader)', () => {
    expect(() => execFileSync(process.execPath, [join(root, 'scripts/gen-rule-registry.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('holds, for each policy file, the rule its parsed policy makes: same metadata, in the files’ order', () => {
    expect(shippedFiles.length).toBeGreaterThan(40);
    const shipped = RULES.filter((r) => shippedFiles.some((f) => f === `${r.meta.id}.policy.json`));
    expect(shipped.map((r) => r.meta.id)).toEqual(shippedFiles.map((f) => f.replace(/\.policy\.json$/, '')));
    for (const f of shippedFiles) {
      const parsed = parsePolicyFile(`rules/${f}`, readFileSync(join(root, 'rules', f), 'utf8'), new Set());
      const rule = RULES.find((r) => `${r.meta.id}.policy.json` === f)!;
      expect(rule.meta, f).toStrictEqual(policyRule(parsed.policies[0]!).meta);
    }
  });

  it('compiles a shipped pattern when first used, and matches as a compiled user pattern does', () => {
    const pattern = shippedPattern('^0\\.');
    expect(pattern.source).toBe('^0\\.');
    expect(pattern.test('0.0.0.0')).toBe(true);
    expect(pattern.test('10.0.0.0')).toBe(false);
    expect(pattern.testWhole('0.')).toBe(true);
    expect(pattern.testWhole('0.0')).toBe(false);
    // Never built from anything the reader rejected; if it were, the first use says so (not a silent non-match).
    const broken = shippedPattern('(?=x)');
    expect(() => broken.test('x')).toThrow(/does not compile/);
  });
});

describe('resourceTypes select block types exactly, or by glob', () => {
  const policy = (resourceTypes: string[]) => ({
    id: 'acme/named',
    title: 'Named',
    severity: 'warning',
    category: 'naming',
    rationale: 'r',
    remediation: 'r',
    resourceTypes,
    require: { path: 'name', present: true },
  });
  const TF = [
    'resource "aws_s3_bucket" "a" {}',
    'resource "aws_s3_bucket_policy" "b" {}',
    'resource "aws_db_instance" "c" {}',
    'resource "aws_s3.bucket" "d" {}',
    'data "aws_ami" "e" {}',
    'module "f" {\n  source = "./m"\n}',
  ].join('\n');
  function selected(resourceTypes: string[]): string[] {
    const dir = fileTree({ 'main.tf': `${TF}\n`, 'm/main.tf': '', '.iac-review.json': JSON.stringify({ extends: 'none', policies: [policy(resourceTypes)] }) }, 'iac-policy-types-');
    mkdirSync(join(dir, '.git'));
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], now: new Date('2026-12-05T00:00:00Z') });
    expect(result.configErrors).toEqual([]);
    return result.findings.filter((f) => f.ruleId === 'acme/named').map((f) => f.address ?? '').sort();
  }

  it('a plain type name selects that type only, not types it is a prefix of', () => {
    expect(selected(['aws_s3_bucket'])).toEqual(['aws_s3_bucket.a']);
    expect(selected(['data.aws_ami'])).toEqual(['data.aws_ami.e']);
    expect(selected(['module'])).toEqual(['module.f']);
  });

  it('a glob selects every type it matches, and a dot in a name is not a wildcard', () => {
    expect(selected(['aws_s3_*'])).toEqual(['aws_s3_bucket.a', 'aws_s3_bucket_policy.b']);
    expect(selected(['aws_{db_instance,s3_bucket}'])).toEqual(['aws_db_instance.c', 'aws_s3_bucket.a']);
    expect(selected(['aws_s3?bucket'])).toEqual(['aws_s3.bucket.d', 'aws_s3_bucket.a']);
    expect(selected(['aws_s3.bucket'])).toEqual(['aws_s3.bucket.d']);
    expect(selected(['aws_s3_bucket', 'data.*'])).toEqual(['aws_s3_bucket.a', 'data.aws_ami.e']);
  });
});

describe('typeMatcher', () => {
  it('answers as minimatch does, for plain names, brace lists, ranges and wildcards', () => {
    const globs = [
      'aws_s3_bucket',
      'aws_s3_*',
      'aws_{db_instance,s3_bucket}',
      'aws_{s3_{bucket,bucket_policy},db_instance}',
      'aws_s3_bucket{,_policy}',
      'aws_{s3_*,db_instance}',
      'aws_{s3_bucket}',
      'aws_db_{1..3}',
      'aws_s3?bucket',
      'data.aws_ami',
      'data.*',
      'module',
      'google_{storage_bucket,pubsub_topic}_iam_{member,binding}',
      '*',
      '{a,b',
      'a,b}',
    ];
    const types = [
      'aws_s3_bucket',
      'aws_s3_bucket_policy',
      'aws_db_instance',
      'aws_s3.bucket',
      'aws_{s3_bucket}',
      'aws_db_2',
      'aws_db_4',
      'data.aws_ami',
      'module',
      'google_storage_bucket_iam_member',
      'google_pubsub_topic_iam_binding',
      'google_storage_bucket_iam_policy',
      '{a,b',
      'a,b}',
      'a',
    ];
    for (const glob of globs) {
      const ours = typeMatcher([glob]);
      const theirs = new Minimatch(glob, { braceExpandMax: MAX_GLOB_EXPANSION });
      for (const type of types) {
        expect(ours.selects(type), `${glob} ${type}`).toBe(theirs.match(type));
        expect(ours.selectsAny(new Set([type])), `${glob} {${type}}`).toBe(theirs.match(type));
      }
    }
    // A policy's list (names and patterns together) against a module's types, from either side: any selected type.
    const lists = [['aws_s3_bucket', 'aws_db_instance'], ['aws_db_{1..3}', 'module'], ['data.*', 'aws_kms_key'], ['google_{storage_bucket,pubsub_topic}_iam_{member,binding}']];
    const modules = [[], ['aws_s3_bucket'], ['aws_db_4', 'a'], ['aws_db_2', 'x', 'y', 'z'], ['data.aws_ami'], ['module', 'google_storage_bucket_iam_policy'], types];
    for (const list of lists) {
      const ours = typeMatcher(list);
      const theirs = list.map((g) => new Minimatch(g, { braceExpandMax: MAX_GLOB_EXPANSION }));
      for (const module of modules) {
        expect(ours.selectsAny(new Set(module)), `${list} [${module}]`).toBe(module.some((t) => theirs.some((m) => m.match(t))));
      }
    }
  });
});
