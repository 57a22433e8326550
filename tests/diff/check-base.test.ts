// `iac-review check --base` on real git repositories (SPEC §7).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/cli.js';
import type { CliIO } from '../../server/src/cli/io.js';
import { TestRepo } from '../support/git-repo.js';
import { policy, VERSIONS } from '../support/tagged-terraform.js';

function check(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = main(['check', '--format', 'json', ...args], io);
  const report = stdout ? (JSON.parse(stdout) as { findings: Array<{ ruleId: string; file: string; range: { start: { line: number } }; address?: string }> }) : undefined;
  return { code, stderr, findings: report?.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}${f.address ? ` ${f.address}` : ''}`) ?? [] };
}


const BUCKET = `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  tags   = { Owner = "a", Environment = "b", CostCenter = "c" }

  lifecycle {
    prevent_destroy = true
  }
}
`;

function baseRepo(): TestRepo {
  const repo = new TestRepo();
  repo.write({ 'versions.tf': VERSIONS, 'old.tf': policy('old', 's3:*'), 'bucket.tf': BUCKET }).commit('base');
  return repo.branch('change');
}

describe('check --base', () => {
  it('reports the wildcard policy the change adds, not the one already on the base branch', () => {
    const repo = baseRepo();
    expect(check(repo.root).findings).toEqual(['old.tf:6 iam/wildcard-action aws_iam_policy.old']);
    repo.write({ 'new.tf': policy('new', 'ec2:*') }).commit('add a policy');
    const r = check(repo.root, '--base', 'main');
    expect(r.findings).toEqual(['new.tf:6 iam/wildcard-action aws_iam_policy.new']);
    expect(r.code).toBe(0); // wildcard-action on a service is a warning; --fail-on error
    expect(check(repo.root, '--base', 'main', '--fail-on', 'warning').code).toBe(1);
  });

  it('counts uncommitted and untracked work as part of the change', () => {
    const repo = baseRepo();
    repo.write({ 'old.tf': policy('old', 's3:*').replace('name = "old"', 'name = "old-renamed"'), 'untracked.tf': policy('extra', 'sqs:*') });
    expect(check(repo.root, '--base', 'main').findings).toEqual(['untracked.tf:6 iam/wildcard-action aws_iam_policy.extra']);
    // Editing the line with the wildcard makes it part of the change.
    repo.write({ 'old.tf': policy('old', 's3:*').replace('Resource = "arn:aws:s3:::b/*"', 'Resource = "arn:aws:s3:::c/*"') });
    expect(check(repo.root, '--base', 'main').findings).toContain('old.tf:6 iam/wildcard-action aws_iam_policy.old');
  });

  it('a deleted prevent_destroy is introduced, although no added line points at it', () => {
    const repo = baseRepo();
    repo.write({ 'bucket.tf': BUCKET.replace(/\n  lifecycle \{\n    prevent_destroy = true\n  \}\n/, '') });
    expect(check(repo.root, '--base', 'main').findings).toEqual(['bucket.tf:1 lifecycle/prevent-destroy aws_s3_bucket.logs']);
  });

  it('a renamed file with unchanged content introduces nothing', () => {
    const repo = baseRepo();
    repo.git('mv', 'old.tf', 'policies.tf');
    repo.commit('rename');
    expect(check(repo.root, '--base', 'main').findings).toEqual([]);
  });

  it('a renamed resource without a moved block is reported (diff mode only), with one it is not', () => {
    const repo = baseRepo();
    repo.write({ 'bucket.tf': BUCKET.replace('"logs"', '"audit_logs"') });
    expect(check(repo.root, '--base', 'main').findings).toEqual(['bucket.tf:1 refactor/missing-moved-block aws_s3_bucket.audit_logs']);
    // Without --base the rule does not run (and the review itself ran: no error).
    const whole = check(repo.root);
    expect(whole.stderr).toBe('');
    expect(whole.findings.some((f) => f.includes('refactor/'))).toBe(false);
    repo.write({ 'moved.tf': 'moved {\n  from = aws_s3_bucket.logs\n  to   = aws_s3_bucket.audit_logs\n}\n' });
    expect(check(repo.root, '--base', 'main').findings).toEqual([]);
  });

  it('a block renamed with a moved block keeps its existing findings existing; a new problem in it is introduced', () => {
    const repo = new TestRepo();
    const bucket = (name: string, extra = '') => `resource "aws_s3_bucket" "${name}" {\n  bucket = "acme-logs"\n  tags   = { Owner = "a", Environment = "b", CostCenter = "c" }\n${extra}}\n`;
    repo.write({ 'versions.tf': VERSIONS, 'bucket.tf': bucket('logs') }).commit('base');
    repo.branch('change');
    expect(check(repo.root).findings).toEqual(['bucket.tf:1 lifecycle/prevent-destroy aws_s3_bucket.logs']);
    const moved = '\nmoved {\n  from = aws_s3_bucket.logs\n  to   = aws_s3_bucket.audit_logs\n}\n';
    repo.write({ 'bucket.tf': bucket('audit_logs') + moved });
    expect(check(repo.root, '--base', 'main').findings).toEqual([]);
    repo.write({ 'bucket.tf': bucket('audit_logs', '  force_destroy = true\n') + moved, 'policy.tf': policy('p', 's3:*') });
    expect(check(repo.root, '--base', 'main').findings).toEqual(['policy.tf:6 iam/wildcard-action aws_iam_policy.p']);
  });

  it('in a repository without commits everything is new', () => {
    const repo = new TestRepo();
    repo.write({ 'versions.tf': VERSIONS, 'old.tf': policy('old', 's3:*') });
    const r = check(repo.root, '--base', 'main');
    expect(r.findings).toEqual(['old.tf:6 iam/wildcard-action aws_iam_policy.old']);
  });

  it('an unknown ref, or no repository, is a usage error with a clear message', () => {
    const repo = baseRepo();
    const missing = check(repo.root, '--base', 'origin/nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/the base "origin\/nope" is not a branch, tag or commit of this repository\. Fetch it first/);
    const outside = mkdtempSync(join(tmpdir(), 'iac-review-nogit-'));
    writeFileSync(join(outside, 'main.tf'), 'locals {}\n');
    const r = check(outside, '--base', 'main');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/diff mode needs a git repository/);
  });

  it('reviews a subdirectory of the repository as its own paths', () => {
    const repo = baseRepo();
    repo.write({ 'envs/prod/main.tf': VERSIONS + policy('prod', 'kms:*') }).commit('prod');
    const r = check(join(repo.root, 'envs'), '--base', 'main');
    expect(r.findings).toEqual(['prod/main.tf:15 iam/wildcard-action aws_iam_policy.prod']);
  });
});
