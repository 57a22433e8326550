// Submodules in diff mode: a submodule is part of the base at the commit the
// base records, read from the submodule's own repository. Its unchanged
// findings are not introduced; its own change is reviewed when that commit is
// available, and reported as not reviewed when it is not.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewChange } from '../../server/src/engine/change/review-change.js';
import { buildChecklist } from '../../server/src/engine/checklist/checklist.js';
import { TestRepo } from '../support/git-repo.js';

const CLI = join(resolve(import.meta.dirname, '..', '..'), 'dist', 'cli.js');

const policy = (name: string, action: string) => `resource "aws_iam_policy" "${name}" {
  name = "${name}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "${action}", Resource = "arn:aws:s3:::b/*" }]
  })
}
`;

interface Report {
  findings: Array<{ ruleId: string; file: string; address?: string }>;
  errors: Array<{ file: string; message: string }>;
}

function check(cwd: string, ...args: string[]): { status: number | null; report: Report; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, 'check', '--base', 'main', '--format', 'json', '--fail-on', 'warning', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    killSignal: 'SIGKILL',
  });
  expect(run.signal).toBeNull();
  return { status: run.status, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

const wildcards = (r: Report) => r.findings.filter((f) => f.ruleId === 'iam/wildcard-action').map((f) => `${f.file} ${f.address}`);

/** A library repository with one wildcard policy, and a superproject using it as the submodule vendor/lib. */
function superproject(): { sup: TestRepo; lib: TestRepo } {
  const lib = new TestRepo();
  lib.write({ 'main.tf': policy('lib', 's3:*') }).commit('lib');
  const sup = new TestRepo();
  sup.write({ 'main.tf': 'locals {\n  a = 1\n}\n' });
  sup.addSubmodule(lib, 'vendor/lib');
  sup.commit('base');
  sup.branch('change');
  return { sup, lib };
}

describe('submodules in diff mode', () => {
  it('an unchanged submodule introduces nothing (its existing findings do not fail the gate)', () => {
    const { sup } = superproject();
    sup.write({ 'main.tf': 'locals {\n  a = 2\n}\n' });
    const whole = spawnSync(process.execPath, [CLI, 'check', '--format', 'json'], { cwd: sup.root, encoding: 'utf8' });
    expect(wildcards(JSON.parse(whole.stdout) as Report)).toEqual(['vendor/lib/main.tf aws_iam_policy.lib']);

    const r = check(sup.root);
    expect(r.report.findings).toEqual([]);
    expect(r.report.errors).toEqual([]);
    expect(r.status).toBe(0);
    const review = reviewChange({ cwd: sup.root, base: 'main' });
    expect(review.introduced.size).toBe(0);
    expect(review.unreviewedSubmodules).toEqual([]);
    // The checklist neither lists its findings nor asks about its blocks as new.
    expect(buildChecklist({ cwd: sup.root, change: review }).sections).toEqual([]);
  });

  it("the submodule's own change is reviewed against the commit the base records", () => {
    const { sup } = superproject();
    const inSub = new TestRepo(join(sup.root, 'vendor/lib'));
    // A new commit in the submodule, recorded by the change.
    inSub.write({ 'extra.tf': policy('extra', 'sqs:*') }).commit('extra');
    sup.commit('bump vendor/lib');
    expect(wildcards(check(sup.root).report)).toEqual(['vendor/lib/extra.tf aws_iam_policy.extra']);
    // Uncommitted work inside the submodule counts too, line by line.
    inSub.write({ 'main.tf': policy('lib', 's3:*').replace('arn:aws:s3:::b/*', 'arn:aws:s3:::c/*') });
    expect(wildcards(check(sup.root).report)).toEqual(['vendor/lib/extra.tf aws_iam_policy.extra', 'vendor/lib/main.tf aws_iam_policy.lib']);
  });

  it('a submodule whose base commit is not in its repository is reported, and nothing in it is introduced', () => {
    const { sup, lib } = superproject();
    // The base records a commit of the library that this checkout of the submodule never fetched.
    sup.git('checkout', '-q', 'main');
    const unfetched = lib.write({ 'later.tf': policy('later', 'ec2:*') }).commit('later');
    sup.git('update-index', '--cacheinfo', `160000,${unfetched},vendor/lib`);
    sup.git('commit', '-q', '-m', 'record an unfetched commit');
    sup.git('checkout', '-q', '-B', 'change');
    sup.write({ 'vendor/lib/new.tf': policy('new', 'kms:*') });

    const r = check(sup.root);
    expect(wildcards(r.report)).toEqual([]);
    expect(r.report.errors).toEqual([
      {
        file: 'vendor/lib',
        message: expect.stringMatching(new RegExp(`^a submodule whose commit at the base \\(${unfetched.slice(0, 12)}\\) is not in its repository .*: its own change was not reviewed, and none of its findings is reported as introduced\\. Fetch the submodule`)),
        kind: 'unreadable',
      },
    ]);
    expect(r.status).toBe(1); // the review could not vouch for part of the change
    const review = reviewChange({ cwd: sup.root, base: 'main' });
    expect(review.unreviewedSubmodules.map((s) => `${s.path} ${s.state}`)).toEqual(['vendor/lib commit-missing']);
    expect(buildChecklist({ cwd: sup.root, change: review }).sections).toEqual([]);
    // The text report says it too.
    const text = spawnSync(process.execPath, [CLI, 'check', '--base', 'main'], { cwd: sup.root, encoding: 'utf8' }).stdout;
    expect(text).toMatch(/vendor\/lib +error +input +a submodule whose commit at the base/);
  });

  it("a submodule whose files at the base are not all in its repository (a partial clone) is reported, the superproject still reviewed", () => {
    const { sup } = superproject();
    sup.write({ 'main.tf': 'locals {\n  a = 2\n}\n', 'new.tf': policy('new', 'kms:*') });
    const blob = new TestRepo(join(sup.root, 'vendor/lib')).git('rev-parse', 'HEAD:main.tf').trim();
    const gitDir = new TestRepo(join(sup.root, 'vendor/lib')).git('rev-parse', '--absolute-git-dir').trim();
    rmSync(join(gitDir, 'objects', blob.slice(0, 2), blob.slice(2)));
    const r = check(sup.root);
    expect(wildcards(r.report)).toEqual(['new.tf aws_iam_policy.new']);
    expect(r.report.errors.map((e) => `${e.file}: ${e.message.split(':')[0]}`)).toEqual([
      'vendor/lib: a submodule whose files at its base commit (' + sup.git('rev-parse', 'main:vendor/lib').trim().slice(0, 12) + ') are not all in its repository (a partial clone?)',
    ]);
  });

  it('a submodule replaced by a plain directory has no repository to read its base from: reported, not introduced', () => {
    const { sup } = superproject();
    sup.git('rm', '-q', '--cached', 'vendor/lib');
    rmSync(join(sup.root, 'vendor/lib/.git'));
    sup.write({ '.gitmodules': null, 'vendor/lib/new.tf': policy('new', 'kms:*') });
    const r = check(sup.root);
    expect(wildcards(r.report)).toEqual([]);
    expect(r.report.errors.map((e) => `${e.file}: ${e.message.split(':')[0]}`)).toEqual([
      'vendor/lib: a submodule at the base (commit ' + sup.git('rev-parse', 'main:vendor/lib').trim().slice(0, 12) + '), and there is no repository of it here to read that commit from',
    ]);
  });

  it('a submodule that is not checked out has nothing to review and nothing to report', () => {
    const { sup } = superproject();
    sup.git('submodule', '--quiet', 'deinit', '-f', 'vendor/lib');
    const r = check(sup.root);
    expect(r.report).toMatchObject({ findings: [], errors: [] });
    expect(r.status).toBe(0);
  });

  it('submodules inside submodules are followed', () => {
    const inner = new TestRepo();
    inner.write({ 'inner.tf': policy('inner', 's3:*') }).commit('inner');
    const lib = new TestRepo();
    lib.write({ 'main.tf': policy('lib', 's3:*') });
    lib.addSubmodule(inner, 'modules/inner');
    lib.commit('lib with inner');
    const sup = new TestRepo();
    sup.write({ 'main.tf': 'locals {}\n' });
    sup.addSubmodule(lib, 'vendor/lib');
    sup.git('-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'update', '--init', '--recursive');
    sup.commit('base');
    sup.branch('change');
    const whole = spawnSync(process.execPath, [CLI, 'check', '--format', 'json'], { cwd: sup.root, encoding: 'utf8' });
    expect(wildcards(JSON.parse(whole.stdout) as Report)).toEqual(['vendor/lib/main.tf aws_iam_policy.lib', 'vendor/lib/modules/inner/inner.tf aws_iam_policy.inner']);
    expect(check(sup.root).report).toMatchObject({ findings: [], errors: [] });
    new TestRepo(join(sup.root, 'vendor/lib/modules/inner')).write({ 'inner.tf': policy('inner', 's3:*') + policy('more', 'sns:*') });
    expect(wildcards(check(sup.root).report)).toEqual(['vendor/lib/modules/inner/inner.tf aws_iam_policy.more']);
  });
});
