// The GitHub Action's `plan` input (SPEC §10): the review script run for real with a plan JSON, and with a file that is not one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TestRepo } from '../support/git-repo.js';
import { actionStepScript as stepScript } from '../support/action-script.js';

const CLI = join(resolve(import.meta.dirname, '..', '..'), 'dist', 'cli.js');

const DB = 'resource "aws_db_instance" "orders" {\n  identifier = "orders-v2"\n  engine     = "postgres"\n}\n';

/** `terraform show -json` of a plan that replaces the database (format 1.2). */
const PLAN = JSON.stringify({
  format_version: '1.2',
  terraform_version: '1.9.8',
  planned_values: { root_module: {} },
  resource_changes: [
    {
      address: 'aws_db_instance.orders',
      mode: 'managed',
      type: 'aws_db_instance',
      name: 'orders',
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions: ['delete', 'create'],
        before: { identifier: 'orders', engine: 'postgres' },
        after: { identifier: 'orders-v2', engine: 'postgres' },
        after_unknown: {},
        before_sensitive: {},
        after_sensitive: {},
        replace_paths: [['identifier']],
      },
      action_reason: 'replace_because_cannot_update',
    },
  ],
  configuration: { root_module: { resources: [{ address: 'aws_db_instance.orders', mode: 'managed', type: 'aws_db_instance', name: 'orders' }] } },
});

function runReview(plan: string) {
  const repo = new TestRepo();
  repo.write({ '.iac-review.json': JSON.stringify({ extends: 'none', rules: {} }), 'main.tf': 'locals {\n  name = "svc"\n}\n' }).commit('base');
  repo.branch('change').write({ 'db.tf': DB, 'plan.json': PLAN, 'notes.txt': 'Plan: 1 to add, 0 to change, 1 to destroy.\n' }).commit('rename the database');
  const temp = mkdtempSync(join(tmpdir(), 'iac-review-action-'));
  const output = join(temp, 'output');
  const summary = join(temp, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const run = spawnSync('bash', ['-c', stepScript('review')], {
    cwd: repo.root,
    encoding: 'utf8',
    env: { ...process.env, IAC_REVIEW: CLI, BASE: 'main', PATHS: '.', CONFIG: '', PLAN: plan, FAIL_ON: 'error', RUNNER_TEMP: temp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
  });
  return { run, summary: readFileSync(summary, 'utf8') };
}

describe('GitHub Action: the plan input', () => {
  it('passes the plan to the checklist: its counts first, the replaced database as a question', () => {
    const { run, summary } = runReview('plan.json');
    expect(run.status, run.stderr).toBe(0);
    expect(summary.split('\n')[2]).toBe('**Plan** `plan.json`: 0 to create, 0 to update, 1 to replace, 0 to delete.');
    expect(summary).toContain('### What the plan destroys or replaces');
    expect(summary).toContain('`aws_db_instance.orders` holds data and the plan replaces it (destroy, then create; forced by `identifier`');
  });

  it('fails the step (exit 2) with the reason when the file is not a plan', () => {
    const { run, summary } = runReview('notes.txt');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/iac-review checklist: notes\.txt: /);
    expect(summary).toBe('');
  });
});
