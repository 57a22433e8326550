// The GitHub Action's review script and the pre-commit hooks, run for real
// against a git repository (the runner-specific steps — setup-node, the SARIF
// upload — need GitHub and are not run here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceKind } from '../../server/src/engine/discover.js';
import { TestRepo } from '../support/git-repo.js';
import { actionStepScript as stepScript } from '../support/action-script.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

const WILDCARD = `resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
`;

function changedRepo(): TestRepo {
  const repo = new TestRepo();
  repo.write({ 'main.tf': 'locals {\n  name = "svc"\n}\n' }).commit('base');
  repo.branch('change').write({ 'iam.tf': WILDCARD }).commit('add a policy');
  return repo;
}

describe('GitHub Action (action.yml)', () => {
  it('writes SARIF for code scanning and the checklist as the job summary, and fails on introduced errors', () => {
    const repo = changedRepo();
    const temp = mkdtempSync(join(tmpdir(), 'iac-review-action-'));
    const output = join(temp, 'output');
    const summary = join(temp, 'summary.md');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const run = spawnSync('bash', ['-c', stepScript('review')], {
      cwd: repo.root,
      encoding: 'utf8',
      env: { ...process.env, IAC_REVIEW: CLI, BASE: 'main', PATHS: '.', CONFIG: '', FAIL_ON: 'error', RUNNER_TEMP: temp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.status, run.stderr).toBe(0);
    const outputs = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').map((l) => l.split('=') as [string, string]));
    expect(outputs.status).toBe('1');
    const sarif = JSON.parse(readFileSync(outputs['sarif-file']!, 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('iam/wildcard-action');
    expect(readFileSync(summary, 'utf8')).toMatch(/- \[ \] .*iam\/wildcard-action/);
    expect(run.stdout).toMatch(/::error file=iam\.tf,line=5/);
  });

  it('a missing base is reported, not silently passed', () => {
    const repo = changedRepo();
    const temp = mkdtempSync(join(tmpdir(), 'iac-review-action-'));
    writeFileSync(join(temp, 'output'), '');
    const run = spawnSync('bash', ['-c', stepScript('review')], {
      cwd: repo.root,
      encoding: 'utf8',
      env: { ...process.env, IAC_REVIEW: CLI, BASE: 'origin/does-not-exist', PATHS: '.', CONFIG: '', FAIL_ON: 'error', RUNNER_TEMP: temp, GITHUB_OUTPUT: join(temp, 'output'), GITHUB_STEP_SUMMARY: join(temp, 's.md') },
    });
    expect(run.status).toBe(2);
    expect(run.stderr + run.stdout).toMatch(/is not a branch, tag or commit/);
  });
});

describe('pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  const hooks = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const pattern = new RegExp(/files: '([^']+)'/.exec(hooks)![1]!);

  it('select exactly the files iac-review analyses', () => {
    for (const name of ['main.tf', 'a/b/x.tofu', 'x.tf.json', 'terraform.tfvars', 'env/terraform.tfvars.json', 'prod.auto.tfvars', 'dev.auto.tfvars.json']) {
      expect(pattern.test(name), name).toBe(true);
      expect(sourceKind(name.split('/').pop()!), name).toBeDefined();
    }
    for (const name of ['prod.tfvars', 'main.tf.bak', 'README.md', 'tf.json']) {
      expect(pattern.test(name), name).toBe(false);
      expect(sourceKind(name.split('/').pop()!), name).toBeUndefined();
    }
  });

  it('the hook entry fails a commit that stages a file with an error-level finding', () => {
    const entry = /entry: iac-review (check --fail-on error)\n/.exec(hooks)![1]!.split(' ');
    const repo = changedRepo();
    const bad = spawnSync(process.execPath, [CLI, ...entry, 'iam.tf'], { cwd: repo.root, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    const good = spawnSync(process.execPath, [CLI, ...entry, 'main.tf'], { cwd: repo.root, encoding: 'utf8' });
    expect(good.status, good.stdout).toBe(0);
  });
});
