import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActionIndex, grantsAction, parseAction, type IamIndexData } from '../../server/src/engine/iam/action-index.js';
import { compileWildcard, parseWildcard, wildcardCovers, wildcardMatches } from '../../server/src/engine/iam/wildcard.js';
import { accessChange } from '../../server/src/engine/checklist/iam-widening.js';
import { privilegedPolicyName } from '../../server/src/engine/iam/privileged-grants.js';
import type { PolicyStatement, StatementLocation } from '../../server/src/engine/iam/policy-statement.js';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import {
  adversarialActionPatterns,
  bundleCli,
  HANG_LIMIT_MS,
  longActionTexts,
  policyModule,
  prng,
  referenceGlob,
  ROOT,
  runCli,
  writeTree,
} from './matching-support.js';

// Every test here must finish well inside this; a backtracking matcher takes minutes or longer on these inputs.
const HANG = { timeout: 60_000 };

const INDEX = JSON.parse(readFileSync(join(ROOT, 'server/src/engine/iam/iam-index.generated.json'), 'utf8')) as IamIndexData;

describe('IAM wildcards are matched in linear time (issue 10)', () => {
  const patterns = adversarialActionPatterns();

  it('generated adversarial patterns against the whole action index', HANG, () => {
    // A fresh index: nothing cached from other tests.
    const index = new ActionIndex(INDEX);
    const ec2 = [...index.actionsOf('ec2')!.values()].map((a) => a.qualifiedName);
    for (const pattern of patterns) {
      const found = index.match(pattern);
      // Checked against the reference semantics where that is cheap: patterns of ec2 (or `e?2`, `*`).
      if (pattern.length < 300 && /^(ec2|e\?2):/.test(pattern)) {
        const expected = ec2.filter((action) => referenceGlob(pattern.slice(pattern.indexOf(':') + 1), action.slice(4)));
        expect(found.map((a) => a.qualifiedName).sort(), pattern).toEqual(expected.sort());
      }
    }
    expect(index.match('ec2:********Z')).toEqual([]);
    expect(index.match(`ec2:${'*'.repeat(30)}Instances`).length).toBeGreaterThan(5);
    expect(index.match(`${'*'.repeat(40)}:${'*?'.repeat(20)}`).length).toBeGreaterThan(10_000);
  });

  it('generated adversarial patterns against long action names (grantsAction, compiled matchers)', HANG, () => {
    const texts = longActionTexts();
    for (const pattern of patterns) {
      const matcher = compileWildcard(pattern);
      for (const text of texts) {
        grantsAction(pattern, text);
        matcher(text);
      }
    }
    expect(grantsAction(`ec2:${'*'.repeat(30)}a`, `ec2:${'a'.repeat(10_000)}`)).toBe(true);
    expect(grantsAction(`ec2:${'*a'.repeat(40)}Z`, `ec2:${'a'.repeat(10_000)}`)).toBe(false);
    expect(wildcardMatches(`${'*?'.repeat(1000)}`, 'a'.repeat(2000))).toBe(true);
    expect(wildcardMatches(`${'*?'.repeat(1000)}`, 'a'.repeat(999))).toBe(false);
  });

  it('agrees with the reference semantics on random small cases (case-insensitive, no regex meaning)', HANG, () => {
    const random = prng(42);
    const alphabet = ['a', 'b', 'A', '.', '*', '?', '*', '\\', '('];
    for (let i = 0; i < 20_000; i++) {
      const word = (n: number, chars: readonly string[]) => Array.from({ length: Math.floor(random() * n) }, () => chars[Math.floor(random() * chars.length)]).join('');
      const pattern = word(9, alphabet);
      const text = word(10, ['a', 'b', 'B', '.', '(', '\\', '*', '?']);
      expect(wildcardMatches(pattern, text), `${pattern} ~ ${text}`).toBe(referenceGlob(pattern, text));
      expect(wildcardMatches(pattern, text, { caseInsensitive: false }), `${pattern} ~ ${text} (exact case)`).toBe(referenceGlob(pattern, text, false));
    }
  });

  it('puts wildcard runs in one canonical form', () => {
    expect(parseWildcard('a*?*?b').canonical).toBe('a??*b');
    expect(parseWildcard('***').canonical).toBe('*');
    expect(parseWildcard('S3:Get*').canonical).toBe('s3:get*');
    expect(parseWildcard('S3:Get*', { caseInsensitive: false }).canonical).toBe('S3:Get*');
    expect(parseWildcard('a*?*?b').minLength).toBe(4);
  });
});

describe('pattern against pattern: does one wildcard cover another', () => {
  it('decides the common cases', () => {
    expect(wildcardCovers('s3:Get*', 's3:GetObj?ct')).toBe(true);
    expect(wildcardCovers('s3:Get*', 's3:GetObject')).toBe(true);
    expect(wildcardCovers('s3:*', 's3:Get*Object')).toBe(true);
    expect(wildcardCovers('s3:*Object', 's3:Get*Object')).toBe(true);
    expect(wildcardCovers('*', 'anything*at?all')).toBe(true);
    expect(wildcardCovers('s3:GetObj?ct', 's3:GetObj*ct')).toBe(false);
    expect(wildcardCovers('s3:GetObject', 's3:GetObj?ct')).toBe(false);
    expect(wildcardCovers('s3:Get*', 's3:*')).toBe(false);
    expect(wildcardCovers('s3:*?', 's3:?*')).toBe(true);
    expect(wildcardCovers('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/x', { caseInsensitive: false })).toBe(false);
  });

  it('never says "covered" when the inclusion does not hold (brute force over small patterns)', HANG, () => {
    const symbols = ['a', 'b', '?', '*'];
    const patterns = [''];
    for (let length = 1, level = ['']; length <= 4; length++) {
      level = level.flatMap((p) => symbols.map((s) => p + s));
      patterns.push(...level);
    }
    const texts = [''];
    for (let length = 1, level = ['']; length <= 7; length++) {
      level = level.flatMap((t) => ['a', 'b', 'c'].map((c) => t + c));
      texts.push(...level);
    }
    const language = new Map(patterns.map((p) => [p, texts.map((t) => referenceGlob(p, t))]));
    let covered = 0;
    for (const general of patterns) {
      for (const specific of patterns) {
        if (!wildcardCovers(general, specific)) continue;
        covered++;
        const g = language.get(general)!;
        language.get(specific)!.forEach((inSpecific, i) => {
          if (inSpecific && !g[i]) expect.fail(`"${general}" said to cover "${specific}", but "${texts[i]}" is matched only by the latter`);
        });
      }
    }
    expect(covered).toBeGreaterThan(patterns.length);
  });

  it('stays fast on adversarial pairs', HANG, () => {
    const patterns = adversarialActionPatterns(7).slice(0, 120);
    for (const general of patterns) for (const specific of patterns) wildcardCovers(general, specific);
    const long = 'a'.repeat(4000);
    expect(wildcardCovers(`*${'a'.repeat(1999)}b*`, `${long}*`)).toBe(false);
  });
});

describe('the checklist compares access with the same matcher', () => {
  const location = {
    file: { path: 'x.tf' } as StatementLocation['file'],
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
    related: [],
  };
  const statement = (actions: string[], resources: string[] = ['*']): PolicyStatement => ({
    effect: { known: true, value: 'Allow' },
    actions: { entries: actions.map((value) => ({ known: true, value })) },
    resources: { entries: resources.map((value) => ({ known: true, value })) },
    hasCondition: { known: true, value: false },
    conditionKeys: [],
    kind: 'identity',
    policyName: 'aws_iam_policy.p policy',
    index: 0,
    location,
  });

  it('adversarial base patterns against long head entries finish', HANG, () => {
    const base = [statement(adversarialActionPatterns(3).slice(0, 300))];
    const head = [statement(longActionTexts())];
    expect(accessChange(base, head)?.gained.length).toBeGreaterThan(0);
  });

  it('a narrower head is no gain; a wildcard the base did not cover is (no widening hidden)', () => {
    expect(accessChange([statement(['s3:Get*'])], [statement(['s3:GetObj?ct', 's3:GETOBJECT'])])?.gained ?? []).toEqual([]);
    expect(accessChange([statement(['s3:GetObj?ct'])], [statement(['s3:GetObj*ct'])])?.gained).toEqual(['actions s3:GetObj*ct']);
    // ARNs compare exactly: another bucket is a gain.
    expect(accessChange([statement(['s3:*'], ['arn:aws:s3:::Logs/*'])], [statement(['s3:*'], ['arn:aws:s3:::logs/*'])])?.gained).toEqual([
      'resources arn:aws:s3:::logs/*',
    ]);
  });
});

describe('IAM rules on adversarial policies', () => {
  const iamRules = RULES.filter((r) => r.meta.id.startsWith('iam/'));

  it('every IAM rule finishes on a module of adversarial actions, with no internal error', HANG, () => {
    const actions = adversarialActionPatterns(11).filter((p) => p.length < 2000).slice(0, 150);
    const dir = writeTree({ 'main.tf': policyModule(actions) });
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: iamRules });
    expect(result.errors).toEqual([]);
    expect(result.findings.some((f) => f.ruleId === 'iam/unknown-action')).toBe(true);
    expect(result.findings.some((f) => f.ruleId === 'iam/wildcard-resource')).toBe(true);
  });

  it('allowedActions patterns are IAM wildcards too', HANG, () => {
    const dir = writeTree({
      'main.tf': policyModule(['ec2:*', 'iam:PassRole']),
      '.iac-review.json': JSON.stringify({
        rules: { 'iam/wildcard-resource': ['warning', { allowedActions: [`${'*'.repeat(30)}Z`, `ec2:${'*?'.repeat(40)}x`, 'ec2:*'] }] },
      }),
    });
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: iamRules });
    expect(result.configErrors).toEqual([]);
    expect(result.errors).toEqual([]);
    const finding = result.findings.find((f) => f.ruleId === 'iam/wildcard-resource');
    // ec2:* is allowed; iam:PassRole is not.
    expect(finding?.message).toMatch(/allows iam:PassRole on Resource "\*"/);
  });

  it('parses actions without a regular expression', () => {
    expect(parseAction(`ec2:${'*'.repeat(100)}`)).toEqual({ service: 'ec2', action: '*'.repeat(100), hasWildcard: true });
  });
});

describe('the CLI on a module of adversarial IAM patterns (child process, killed after 30 s)', () => {
  let cli: string;
  beforeAll(async () => {
    cli = await bundleCli();
  }, HANG_LIMIT_MS * 2);

  it('check finishes in every format with the findings', HANG, () => {
    const actions = ['ec2:********Z', `ec2:${'*'.repeat(30)}Z`, `${'*'.repeat(40)}:${'*?'.repeat(30)}Q`, ...adversarialActionPatterns(5).slice(0, 40)];
    const dir = writeTree({
      'main.tf': policyModule(actions),
      '.iac-review.json': JSON.stringify({ rules: { 'iam/wildcard-resource': ['warning', { allowedActions: [`ec2:${'*'.repeat(40)}Z`] }] } }),
    });
    for (const format of ['text', 'json']) {
      const r = runCli(cli, ['check', '.', '--format', format, '--fail-on', 'never'], dir);
      expect(r.signal, `check --format ${format} was killed after ${r.elapsedMs} ms`).toBeNull();
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('iam/unknown-action');
    }
  });
});

describe('the engine\'s own regular expressions on policy ARNs are linear', () => {
  it('privileged managed-policy ARNs: long partitions and long outlines', HANG, () => {
    for (const n of [30, 1000, 100_000]) {
      expect(privilegedPolicyName(`arn:${'a'.repeat(n)}:iam::aws:policy/AdministratorAccessX`)).toBeUndefined();
      expect(privilegedPolicyName(`arn:${'a-\u0000'.repeat(n)}:iam::aws:policy/IAMFullAccess`)).toBe('IAMFullAccess');
    }
    expect(privilegedPolicyName('arn:aws:iam::aws:policy/AdministratorAccess')).toBe('AdministratorAccess');
  });

  it('an attachment whose ARN outline repeats "policy/" is reviewed quickly', HANG, () => {
    const outline = `arn:\${var.partition}:iam::aws:${'policy/'.repeat(200_000)}\${var.name}`;
    const dir = writeTree({
      'main.tf': `variable "partition" {}\nvariable "name" {}\nresource "aws_iam_role_policy_attachment" "a" {\n  role       = "r"\n  policy_arn = "${outline}"\n}\n`,
    });
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: RULES.filter((r) => r.meta.id === 'iam/privileged-attachment') });
    expect(result.errors).toEqual([]);
  });
});
