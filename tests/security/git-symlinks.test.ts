// Symbolic links committed at the base of a change: git stores a link as a
// blob holding its target path. The base review must never parse that path as
// Terraform, nor follow it out of the repository or into .git/; a link to a
// file of the repository is that file, as in the working tree.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewChange } from '../../server/src/engine/change/review-change.js';
import { TestRepo } from '../support/git-repo.js';

const CLI = join(resolve(import.meta.dirname, '..', '..'), 'dist', 'cli.js');
const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github'];

function cli(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  expect(run.signal).toBeNull();
  return run;
}

const policy = (name: string, action: string) => `resource "aws_iam_policy" "${name}" {
  name = "${name}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "${action}", Resource = "arn:aws:s3:::b/*" }]
  })
}
`;

describe('symbolic links at the base of a change', () => {
  it('a link is never read as its target path, outside the repository or into .git/', () => {
    const outside = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-outside-')));
    writeFileSync(join(outside, 'secret.tf'), 'resource "aws_s3_bucket" "outside_secret_7Qx" {\n  bucket = "tok-OUTSIDE-9f3e"\n}\n');
    const repo = new TestRepo();
    repo.git('config', 'http.extraHeader', 'Authorization: basic tok-GITCONFIG-51ab');
    repo
      .write({ 'main.tf': 'locals {\n  a = 1\n}\n' })
      // A link whose target *path* is Terraform text: parsed, it would be a bucket the change "removes".
      .symlink('ghost.tf', 'resource "aws_s3_bucket" "link_target_text" {}')
      .symlink('outside.tf', join(outside, 'secret.tf'))
      .symlink('config.tf', '.git/config')
      .symlink('climb.tf', '../../../../../../../../etc/hostname')
      .commit('base');
    repo.branch('change');
    // The change deletes the links that lead somewhere and edits main.tf.
    repo.write({ 'outside.tf': null, 'config.tf': null, 'climb.tf': null, 'main.tf': 'locals {\n  a = 2\n}\n' });

    const review = reviewChange({ cwd: repo.root, base: 'main' });
    const baseBlocks = review.modules.flatMap((m) => m.blocks.map((b) => `${b.status} ${b.key}`));
    expect(baseBlocks).toEqual([]);
    // The module-level finding stays on main.tf at both sides (a parsed link would have been the base's first file).
    expect([...review.introduced].map((f) => f.ruleId)).toEqual([]);

    for (const format of FORMATS) {
      const run = cli(repo.root, 'check', '--base', 'main', '--format', format);
      for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toMatch(/link_target_text|outside_secret_7Qx|tok-OUTSIDE-9f3e|tok-GITCONFIG-51ab/);
      }
    }
    const checklist = cli(repo.root, 'checklist', '--base', 'main', '--format', 'json');
    expect(checklist.stdout + checklist.stderr).not.toMatch(/link_target_text|outside_secret_7Qx|tok-OUTSIDE-9f3e|tok-GITCONFIG-51ab/);
    expect((JSON.parse(checklist.stdout) as { sections: unknown[] }).sections).toEqual([]);
  });

  it('a link to a file of the repository is that file at the base: its unchanged findings are not introduced', () => {
    const repo = new TestRepo();
    repo
      .write({ 'common/shared.tf': policy('shared', 's3:*'), 'main.tf': 'locals {\n  a = 1\n}\n' })
      .symlink('shared.tf', 'common/shared.tf')
      .symlink('nested/deeper/again.tf', '../../shared.tf')
      .commit('base');
    repo.branch('change').write({ 'main.tf': 'locals {\n  a = 2\n}\n' });
    const whole = JSON.parse(cli(repo.root, 'check', '--format', 'json').stdout) as { findings: Array<{ ruleId: string; file: string }> };
    // The working tree's review reads the links (they stay inside the repository).
    expect(whole.findings.filter((f) => f.ruleId === 'iam/wildcard-action').map((f) => f.file)).toEqual(['common/shared.tf', 'nested/deeper/again.tf', 'shared.tf']);

    expect(reviewChange({ cwd: repo.root, base: 'main' }).introduced.size).toBe(0);
    const run = cli(repo.root, 'check', '--base', 'main', '--format', 'json', '--fail-on', 'warning');
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.status).toBe(0);

    // Changing the target changes every path that leads to it.
    repo.write({ 'common/shared.tf': policy('shared', 's3:*') + policy('added', 'sqs:*') });
    const introduced = [...reviewChange({ cwd: repo.root, base: 'main' }).introduced].filter((f) => f.ruleId === 'iam/wildcard-action');
    expect(introduced.map((f) => `${f.file.slice(repo.root.length + 1)} ${f.address}`).sort()).toEqual([
      'common/shared.tf aws_iam_policy.added',
      'nested/deeper/again.tf aws_iam_policy.added',
      'shared.tf aws_iam_policy.added',
    ]);
  });

  it('links to ancestor folders in the working tree end the walk: nothing repeated, nothing introduced, no hang', () => {
    const repo = new TestRepo();
    repo.write({ 'm/main.tf': policy('kept', 's3:*') }).commit('base');
    // Two links to the folder itself and one to its parent: a walk that followed them would grow exponentially.
    repo.symlink('m/a', '.').symlink('m/b', '.').symlink('m/c', '..');
    const run = cli(repo.root, 'check', '--base', 'main', '--format', 'json', '--fail-on', 'warning');
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    const review = reviewChange({ cwd: repo.root, base: 'main' });
    expect(review.introduced.size).toBe(0);
    expect([...review.files.added]).toEqual([]);
  });

  it('a folder linked into the reviewed path is the same module at the base: its unchanged findings are not introduced', () => {
    const repo = new TestRepo();
    repo.write({ 'modules/prod/main.tf': policy('prod', 's3:*'), 'main.tf': 'locals {\n  a = 1\n}\n' }).symlink('envs/prod', '../modules/prod').commit('base');
    repo.branch('change').write({ 'main.tf': 'locals {\n  a = 2\n}\n' });
    const whole = JSON.parse(cli(repo.root, 'check', 'envs', '--format', 'json').stdout) as { findings: Array<{ ruleId: string; file: string }> };
    expect(whole.findings.map((f) => f.file)).toContain('envs/prod/main.tf');
    const review = reviewChange({ cwd: repo.root, paths: ['envs'], base: 'main' });
    expect([...review.introduced]).toEqual([]);
    expect([...review.files.added]).toEqual([]);
    // An edit behind the link is introduced where the review shows it.
    repo.write({ 'modules/prod/main.tf': policy('prod', 's3:*') + policy('added', 'sqs:*') });
    const introduced = [...reviewChange({ cwd: repo.root, paths: ['envs'], base: 'main' }).introduced].filter((f) => f.ruleId === 'iam/wildcard-action');
    expect(introduced.map((f) => f.address)).toEqual(['aws_iam_policy.added']);
  });
});

