import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { main } from '../../server/src/cli/cli.js';
import type { CliIO } from '../../server/src/cli/io.js';
import { TestRepo } from '../support/git-repo.js';
import { onlyRules } from './support.js';

function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  return { code: main(argv, io), stdout, stderr };
}

const BASE = {
  '.iac-review.json': onlyRules('iam/wildcard-action', 'refactor/missing-moved-block', 'resilience/deletion-protection'),
  'main.tf': `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
  backend "s3" {
    bucket = "acme-state"
    key    = "app.tfstate"
  }
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.1.0"
}
`,
  'data.tf': `resource "aws_db_instance" "orders" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
}

resource "aws_db_instance" "reports" {
  engine = "postgres"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}
`,
  'iam.tf': `resource "aws_iam_policy" "reader" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::acme-logs/*" }]
  })
}
`,
};

const CHANGE = {
  'main.tf': BASE['main.tf'].replace('~> 5.0', '~> 6.0').replace('"5.1.0"', '"5.8.1"').replace('"app.tfstate"', '"prod/app.tfstate"'),
  'data.tf': `resource "aws_db_instance" "orders" {
  engine         = "postgres"
  instance_class = "db.r6g.large"
}

resource "aws_s3_bucket" "audit_logs" {
  bucket = "acme-logs"
}
`,
  'iam.tf': `resource "aws_iam_policy" "reader" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:*"], Resource = "arn:aws:s3:::acme-logs/*" }]
  })
}
`,
};

describe('iac-review checklist', () => {
  const repo = new TestRepo();
  repo.write(BASE).commit('base');
  repo.branch('change').write(CHANGE);
  afterAll(() => rmSync(repo.root, { recursive: true, force: true }));

  it('prints the markdown checklist of a change, ready to paste into a pull request', async () => {
    const { code, stdout, stderr } = run(['checklist', '--base', 'main'], repo.root);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    await expect(stdout).toMatchFileSnapshot('expected/change-checklist.md');
  });

  it('prints the SPEC §7 JSON, the same checklist as the markdown', () => {
    const { code, stdout } = run(['checklist', '--base', 'main', '--format', 'json'], repo.root);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ version: 1, base: 'main' });
    expect(json.sections.map((s: { category: string }) => s.category)).toEqual(['iam', 'state', 'lifecycle', 'resilience', 'refactor', 'versioning']);
    const markdown = run(['checklist', '--base', 'main'], repo.root).stdout;
    const count = json.sections.reduce((n: number, s: { items: unknown[] }) => n + s.items.length, 0);
    expect(markdown.match(/^- \[ \] /gm)).toHaveLength(count);
  });

  it('without --base: findings and undecided items only, and an empty one says so', () => {
    const { code, stdout } = run(['checklist', '--format', 'json'], repo.root);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.base).toBeNull();
    expect(json.sections.flatMap((s: { items: Array<{ kind: string }> }) => s.items.map((i) => i.kind))).toEqual(['finding', 'finding']);

    const empty = new TestRepo();
    try {
      empty.write({ '.iac-review.json': onlyRules(), 'main.tf': 'resource "aws_sqs_queue" "jobs" {}\n' });
      const md = run(['checklist'], empty.root);
      expect(md.code).toBe(0);
      expect(md.stdout).toContain('✅ Nothing to check: no findings and no undecided items.');
      const change = run(['checklist', '--base', 'main'], empty.root);
      expect(change.code).toBe(0);
      expect(change.stdout).toContain('✅ Nothing to check');
    } finally {
      rmSync(empty.root, { recursive: true, force: true });
    }
  });

  it('usage errors exit 2', () => {
    expect(run(['checklist', '--base', 'nope-7c1d'], repo.root)).toMatchObject({ code: 2, stderr: expect.stringMatching(/the base "nope-7c1d" is not a branch/) });
    expect(run(['checklist', '--format', 'text'], repo.root)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--format must be one of markdown, json/) });
    expect(run(['checklist', 'missing-dir'], repo.root)).toMatchObject({ code: 2, stderr: expect.stringMatching(/path not found: missing-dir/) });
    expect(run(['checklist', '--help'], repo.root)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: iac-review checklist/) });
  });
});
