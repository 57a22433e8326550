// Scale (issue 10, point 5): the checklist, diff mode and suppressions stay linear or n·log n in the number of
// items, blocks and comments. Before, each was quadratic somewhere (a checklist of 60,000 resources ran past
// 300 s; 20,000 suppressed findings took 223 s; a change renaming thousands of blocks wrote every gone block into
// every finding). No timing assertions: each test must finish within its vitest timeout.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { TestRepo } from '../support/git-repo.js';
import { run } from './output-support.js';
import { bucket, moduleFiles, writeModule } from './scale-support.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe('checklist', () => {
  it('of a 60,000-resource module lists every finding and undecided item', () => {
    const count = 60_000;
    const root = writeModule(count, bucket);
    cleanup.push(root);
    const r = run(['checklist', '--format', 'json', root], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const checklist = JSON.parse(r.stdout);
    const items = checklist.sections.flatMap((s: { items: Array<{ kind: string; ruleId?: string; id: string }> }) => s.items);
    expect(items.filter((i: { ruleId?: string }) => i.ruleId === 'lifecycle/prevent-destroy')).toHaveLength(count);
    expect(items.filter((i: { kind: string; ruleId?: string }) => i.kind === 'undecided' && i.ruleId === 'tagging/required-tags')).toHaveLength(count);
    expect(new Set(items.map((i: { id: string }) => i.id)).size).toBe(items.length);

    // The markdown fits one pull-request comment (SPEC §7): the findings counted per rule, the rest left out and said so.
    const markdown = run(['checklist', root], root).stdout;
    expect(markdown.length).toBeLessThan(65_536);
    expect(markdown).toContain(`**${count} findings** \`lifecycle/prevent-destroy\``);
    expect(markdown).toContain(`of its ${items.length} items, ${count} are left out (${count} undecided items)`);
  });

  it('of a change that edits 40,000 resources and renames one in twelve', () => {
    const count = 40_000;
    const repo = new TestRepo();
    cleanup.push(repo.root);
    repo.write(moduleFiles(count, bucket)).commit('base');
    repo.write(
      moduleFiles(count, (i) => `resource "aws_s3_bucket" "${i % 12 === 0 ? 'renamed' : 'b'}${i}" {\n  force_destroy = true\n}\n`),
    );
    const r = run(['checklist', '--format', 'json', '--base', 'main', '.'], repo.root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout).sections.flatMap((s: { items: unknown[] }) => s.items) as Array<{ ruleId?: string; text: string; kind: string }>;
    // Every edited bucket keeps its (existing) finding in the checklist; every rename is a finding and a question.
    expect(items.filter((i) => i.ruleId === 'lifecycle/prevent-destroy')).toHaveLength(count);
    const renames = Math.ceil(count / 12);
    const missingMoved = items.filter((i) => i.ruleId === 'refactor/missing-moved-block');
    expect(missingMoved).toHaveLength(renames);
    // Thousands of candidates for each rename: a finding names a few and counts the rest.
    for (const item of missingMoved) expect(item.text.length).toBeLessThan(1000);
    expect(missingMoved[0]!.text).toMatch(/`aws_s3_bucket\.b0`, `aws_s3_bucket\.b12`, .* or one of \d+ more blocks/);
  });
});

describe('suppressions', () => {
  it('20,000 ignore comments each suppress their finding, and none is reported unused', () => {
    const count = 20_000;
    const root = writeModule(count, (i) => `# iac-review:ignore lifecycle/prevent-destroy -- kept on purpose\n${bucket(i)}`);
    cleanup.push(root);
    const r = run(['check', '--format', 'json', root], root);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const preventDestroy = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'lifecycle/prevent-destroy');
    expect(preventDestroy).toHaveLength(count);
    expect(preventDestroy.every((f: { suppressed: boolean }) => f.suppressed)).toBe(true);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('suppression/'))).toEqual([]);
  });
});
