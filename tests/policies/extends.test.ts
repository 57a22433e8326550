// `extends` with a path or an npm package (SPEC §11), inline policies, and how policies sit among the rules.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { fileTree } from '../support/file-tree.js';

const NOW = new Date('2026-11-23T12:00:00Z');

const policy = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: 'Log groups keep logs a year',
  severity: 'warning',
  category: 'observability',
  rationale: 'Audits look back a year.',
  remediation: 'Set retention_in_days to 365.',
  resourceTypes: ['aws_cloudwatch_log_group'],
  require: { path: 'retention_in_days', atLeast: 365 },
  ...extra,
});

const SHORT = 'resource "aws_cloudwatch_log_group" "a" {\n  retention_in_days = 30\n}\n';

function review(files: Record<string, string>) {
  const root = fileTree({ 'main.tf': SHORT, ...files }, 'iac-policy-extends-');
  mkdirSync(join(root, '.git'));
  const result = analyzeWorkspace({ cwd: root, paths: [root], now: NOW });
  return {
    root,
    ids: result.findings.filter((f) => !f.suppression).map((f) => `${f.ruleId}[${f.severity}]`),
    suppressed: result.findings.filter((f) => f.suppression).map((f) => f.ruleId),
    errors: result.configErrors.map((e) => `${e.file.slice(root.length + 1)}:${e.range?.start.line}:${e.range?.start.column} ${e.message}`),
  };
}

describe('policies through .iac-review.json', () => {
  it('inline policies run as rules, and "none" switches off the catalog, not them', () => {
    const got = review({ '.iac-review.json': JSON.stringify({ extends: 'none', policies: [policy('acme/retention')] }) });
    expect(got.errors).toEqual([]);
    expect(got.ids).toEqual(['acme/retention[warning]']);
  });

  it('a policy is switched per path like a rule, and its severity set in "rules"', () => {
    const config = { extends: 'none', policies: [policy('acme/retention')], rules: { 'acme/retention': 'off' }, overrides: [{ files: ['prod/**'], rules: { 'acme/retention': 'error' } }] };
    const got = review({ '.iac-review.json': JSON.stringify(config), 'prod/main.tf': SHORT });
    expect(got.ids).toEqual(['acme/retention[error]']);
  });

  it('an npm package in node_modules is read as data: its settings and policy files', () => {
    const got = review({
      '.iac-review.json': JSON.stringify({ extends: ['none', '@acme/standards'] }),
      'node_modules/@acme/standards/package.json': JSON.stringify({ name: '@acme/standards', main: 'index.js' }),
      // Never run: a pull request controls node_modules.
      'node_modules/@acme/standards/index.js': 'throw new Error("a pack is never executed")',
      'node_modules/@acme/standards/iac-review.json': JSON.stringify({ rules: { 'acme/retention': 'error' } }),
      'node_modules/@acme/standards/policies/logs.policy.json': JSON.stringify({ policies: [policy('acme/retention')] }),
    });
    expect(got.errors).toEqual([]);
    expect(got.ids).toEqual(['acme/retention[error]']);
  });

  it("the configuration's own settings win over its packs'", () => {
    const got = review({
      '.iac-review.json': JSON.stringify({ extends: ['none', './standards'], rules: { 'acme/retention': 'info' } }),
      'standards/iac-review.json': JSON.stringify({ rules: { 'acme/retention': 'error' }, policies: [policy('acme/retention')] }),
    });
    expect(got.errors).toEqual([]);
    expect(got.ids).toEqual(['acme/retention[info]']);
  });

  it('a missing package or path is a clear configuration error with line and column', () => {
    const got = review({ '.iac-review.json': '{\n  "extends": ["recommended", "@acme/missing", "./nowhere"]\n}\n' });
    expect(got.errors).toEqual([
      expect.stringMatching(/^\.iac-review\.json:2:30 Cannot use "@acme\/missing" in "extends": it is not a preset .* the package "@acme\/missing" is not installed: no node_modules\/@acme\/missing/),
      expect.stringMatching(/^\.iac-review\.json:2:47 Cannot use "\.\/nowhere" in "extends": "\.\/nowhere" is not a readable directory/),
    ]);
  });

  it('a pack outside the workspace, or a link out of it, is not read', () => {
    const outside = fileTree({ 'logs.policy.json': JSON.stringify({ policies: [policy('acme/retention')] }) }, 'iac-policy-outside-');
    const got = review({ '.iac-review.json': JSON.stringify({ extends: ['none', `../${outside.split('/').pop()}`] }) });
    expect(got.ids).toEqual([]);
    expect(got.errors).toEqual([expect.stringMatching(/is not a readable directory/)]);

    const linked = fileTree({ 'main.tf': SHORT, '.iac-review.json': JSON.stringify({ extends: ['none', '@acme/standards'] }) }, 'iac-policy-link-');
    mkdirSync(join(linked, '.git'));
    mkdirSync(join(linked, 'node_modules', '@acme'), { recursive: true });
    symlinkSync(outside, join(linked, 'node_modules', '@acme', 'standards'));
    const result = analyzeWorkspace({ cwd: linked, paths: [linked], now: NOW });
    expect(result.findings.filter((f) => f.ruleId === 'acme/retention')).toEqual([]);
    expect(result.configErrors.map((e) => e.message)).toEqual([expect.stringMatching(/Cannot use "@acme\/standards"/)]);
  });

  it('ids: a built-in category is no namespace of an organisation, and an id is defined once', () => {
    const got = review({
      '.iac-review.json': JSON.stringify({ extends: ['none', './standards'], policies: [policy('observability/retention'), policy('acme/retention')] }),
      'standards/logs.policy.json': JSON.stringify({ policies: [policy('acme/retention')] }),
    });
    expect(got.errors).toEqual([
      expect.stringMatching(/^\.iac-review\.json:1:\d+ The namespace "observability" of "observability\/retention" is a built-in rule category/),
      expect.stringMatching(/^\.iac-review\.json:1:\d+ Policy "acme\/retention" is defined already in .*standards\/logs\.policy\.json; this one is left out\./),
    ]);
    expect(got.ids).toEqual(['acme/retention[warning]']);
  });

  it('suppression comments work for policies, including the equivalents of other tools', () => {
    const config = { extends: 'none', policies: [policy('acme/retention', { equivalents: { checkov: ['CKV_ACME_1'] } })] };
    const got = review({
      '.iac-review.json': JSON.stringify(config),
      'main.tf': '# iac-review:ignore acme/retention -- archived logs, kept in S3 (AUD-3)\nresource "aws_cloudwatch_log_group" "a" {\n  retention_in_days = 30\n}\n\n#checkov:skip=CKV_ACME_1:replayed from the archive\nresource "aws_cloudwatch_log_group" "b" {\n  retention_in_days = 30\n}\n',
    });
    expect(got.ids).toEqual([]);
    expect(got.suppressed).toEqual(['acme/retention', 'acme/retention']);
  });
});

describe('policy fixes', () => {
  it('a fix sets the argument: replaces its value, or adds it', async () => {
    const { applyEdits } = await import('../../server/src/engine/fix/apply-edits.js');
    const config = { extends: 'none', policies: [policy('acme/retention', { fix: { argument: 'retention_in_days', value: 365 } })] };
    const text = 'resource "aws_cloudwatch_log_group" "a" {\n  retention_in_days = 30\n}\n\nresource "aws_cloudwatch_log_group" "b" {\n  name = "b"\n}\n';
    const root = fileTree({ 'main.tf': text, '.iac-review.json': JSON.stringify(config) });
    mkdirSync(join(root, '.git'));
    const result = analyzeWorkspace({ cwd: root, paths: [root], now: NOW });
    expect(result.findings.map((f) => f.fix?.title)).toEqual(['Set retention_in_days = 365', 'Set retention_in_days = 365']);
    const [a, b] = result.findings.map((f) => applyEdits(text, f.fix!.edits));
    expect(a).toBe(text.replace('retention_in_days = 30', 'retention_in_days = 365'));
    expect(b).toBe(text.replace('  name = "b"\n', '  name              = "b"\n  retention_in_days = 365\n'));
  });
});

describe('policies in reports', () => {
  it('SARIF lists a policy as a rule with its help', async () => {
    const { main } = await import('../../server/src/cli/cli.js');
    const root = fileTree({ 'main.tf': SHORT, '.iac-review.json': JSON.stringify({ extends: 'none', policies: [policy('acme/retention')] }) });
    mkdirSync(join(root, '.git'));
    let stdout = '';
    const code = main(['check', '.', '--format', 'sarif'], { cwd: root, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: () => {} });
    expect(code).toBe(0);
    const rules = JSON.parse(stdout).runs[0].tool.driver.rules as Array<{ id: string; fullDescription: { text: string }; help: { text: string } }>;
    const rule = rules.find((r) => r.id === 'acme/retention')!;
    expect(rule.help.text).toMatch(/^Log groups keep logs a year\n\nWhy: Audits look back a year\.\n\nHow to fix: Set retention_in_days to 365\.$/);
  });
});

describe('policies in a change review (diff mode)', () => {
  it('report what the change introduces, with their own checklist label', async () => {
    const { TestRepo } = await import('../support/git-repo.js');
    const { reviewChange } = await import('../../server/src/engine/change/review-change.js');
    const { buildChecklist } = await import('../../server/src/engine/checklist/checklist.js');
    const repo = new TestRepo();
    const config = { extends: 'none', policies: [policy('acme/retention', { problem: 'short retention' })] };
    const kept = 'resource "aws_cloudwatch_log_group" "old" {\n  retention_in_days = 30\n}\n';
    repo.write({ '.iac-review.json': JSON.stringify(config), 'main.tf': kept }).commit('base');
    repo.branch('feature').write({ 'main.tf': `${kept}\nresource "aws_cloudwatch_log_group" "new" {\n  retention_in_days = 7\n}\n` }).commit('change');
    const change = reviewChange({ cwd: repo.root, base: 'main' });
    expect(change.head.findings.filter((f) => change.introduced.has(f)).map((f) => `${f.ruleId}:${f.range.start.line}`)).toEqual(['acme/retention:6']);
    const labels = buildChecklist({ cwd: repo.root, change }).sections.flatMap((s) => s.items.map((i) => i.label));
    expect(labels).toContain('aws_cloudwatch_log_group.new — short retention');
  });
});
