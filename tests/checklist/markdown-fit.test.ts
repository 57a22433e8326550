import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo } from '../support/git-repo.js';
import { formatChecklistMarkdown } from '../../server/src/engine/checklist/markdown.js';
import type { Checklist, ChecklistItem } from '../../server/src/engine/checklist/checklist.js';
import { changeChecklist, itemsOf, onlyRules } from './support.js';

const LIMIT = 65_536;

function policies(prefix: string, n: number, action: string, name = ''): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    out += `resource "aws_iam_policy" "${prefix}_${i}" {
${name ? `  name = "${name}-${i}"\n` : ''}  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["${action}"], Resource = "arn:aws:s3:::${prefix}-${i}/*" }]
  })
}

`;
  }
  return out;
}

describe('the markdown checklist fits one pull-request comment (SPEC §7)', () => {
  // A change that introduces 2,000 findings, next to existing ones it touches, and raises questions.
  const repo = new TestRepo();
  repo
    .write({
      '.iac-review.json': onlyRules('iam/wildcard-action', 'resilience/deletion-protection'),
      'db.tf': 'resource "aws_db_instance" "orders" {\n  engine         = "postgres"\n  instance_class = "db.t3.medium"\n}\n',
      'legacy.tf': policies('legacy', 20, 's3:*', 'legacy'),
    })
    .commit('base');
  repo.branch('change').write({
    'db.tf': 'resource "aws_db_instance" "orders" {\n  engine         = "postgres"\n  instance_class = "db.r6g.large"\n}\n',
    'legacy.tf': policies('legacy', 20, 's3:*', 'legacy-v2'),
    'a.tf': policies('alpha', 1000, 's3:*'),
    'b.tf': policies('beta', 1000, 'ec2:*'),
  });
  afterAll(() => rmSync(repo.root, { recursive: true, force: true }));

  const checklist = changeChecklist(repo);
  const items = itemsOf(checklist);
  const markdown = formatChecklistMarkdown(checklist);

  it('the change really has 2,000 introduced findings, existing ones and questions', () => {
    expect(items.filter((i) => i.kind === 'finding' && i.introduced)).toHaveLength(2000);
    expect(items.filter((i) => i.kind === 'finding' && i.introduced === false).length).toBeGreaterThan(0);
    expect(items.filter((i) => i.kind === 'question').length).toBeGreaterThan(0);
  });

  it('is under 65,536 characters, keeps every question, and says what it left out and where to see it', () => {
    expect(markdown.length).toBeLessThan(LIMIT);
    // Every question is there: written out, or counted with the others that ask the same of other blocks.
    const questionCount = items.filter((i) => i.kind === 'question').length;
    const counted = markdown
      .split('\n')
      .map((l) => (l.startsWith('- [ ] **Question:**') ? 1 : Number(/^- \[ \] \*\*(\d+) questions like this one:\*\*/.exec(l)?.[1] ?? 0)))
      .reduce((a, b) => a + b, 0);
    expect(counted).toBe(questionCount);
    expect(markdown).toContain('**Question:** `aws_db_instance.orders` holds data');
    // The introduced findings, counted per rule with their first locations.
    expect(markdown).toMatch(/🆕 \*\*2000 findings\*\* `iam\/wildcard-action`: \[a\.tf:4\]\(a\.tf#L4\), \[a\.tf:11\]\(a\.tf#L11\)/);
    expect(markdown).toMatch(/\*\*2000 questions like this one:\*\* `aws_iam_policy\.alpha_0` is a new policy/);
    expect(markdown).toContain('2000 findings are counted per rule');
    expect(markdown).toMatch(/and \d+ more/);
    // What it left out: the existing findings, by count, and where they are.
    const existing = items.filter((i) => i.kind === 'finding' && i.introduced === false).length;
    expect(markdown).toContain(`${existing} existing findings`);
    expect(markdown).toContain('iac-review checklist --base main --format json');
    expect(markdown).toContain('--format sarif');
    expect(markdown).toContain('Review Checklist view');
    expect(markdown).not.toContain('Existing finding');
  });
});

describe('shortening, step by step', () => {
  const item = (n: number, over: Partial<ChecklistItem>): ChecklistItem => ({ id: `id${n}`, kind: 'finding', label: `aws_x.n${n} — wildcard actions`, what: `aws_x.n${n}`, problem: 'wildcard actions', text: `Finding number ${n} with some words`, ruleId: 'iam/wildcard-action', file: 'main.tf', line: n, introduced: true, ...over });
  const checklist = (items: ChecklistItem[]): Checklist => ({ version: 1, base: 'main', sections: [{ category: 'iam', title: 'Least-privilege IAM', items }] });

  it('a checklist that fits is written whole, as before (the expected change checklist is byte-identical)', () => {
    const small = checklist([item(1, {}), item(2, { introduced: false }), item(3, { kind: 'undecided', reason: 'why', introduced: false })]);
    const text = formatChecklistMarkdown(small);
    expect(text).toBe(formatChecklistMarkdown(small, Number.MAX_SAFE_INTEGER));
    expect(text).not.toMatch(/shortened/);
    expect(text).toContain('**Existing finding**');
    expect(text).toContain('**Undecided**');
    expect(readFileSync(join(__dirname, 'expected', 'change-checklist.md'), 'utf8')).not.toMatch(/shortened/);
  });

  it('first leaves out existing findings and undecided items, keeping introduced findings written out', () => {
    const existing = Array.from({ length: 30 }, (_, i) => item(i + 10, { introduced: false }));
    const items = [item(1, {}), ...existing, item(3, { kind: 'undecided', reason: 'why', introduced: false }), item(4, { kind: 'question', text: 'Who approved it?' })];
    const whole = formatChecklistMarkdown(checklist(items), Number.MAX_SAFE_INTEGER);
    const short = formatChecklistMarkdown(checklist(items), whole.length - 1);
    expect(short.length).toBeLessThan(whole.length);
    expect(short).toContain('- [ ] 🆕 **Finding** `iam/wildcard-action`: Finding number 1 with some words');
    expect(short).toContain('**Question:** Who approved it?');
    expect(short).not.toContain('Finding number 10 ');
    expect(short).toMatch(/of its 33 items, 31 are left out \(30 existing findings, 1 undecided item\)/);
    expect(short).not.toMatch(/counted per rule/);
  });

  it('when even the questions alone do not fit, it keeps every question and drops the findings', () => {
    const items = [...Array.from({ length: 50 }, (_, i) => item(i + 1, {})), item(99, { kind: 'question', text: 'Q'.repeat(500) })];
    const short = formatChecklistMarkdown(checklist(items), 300);
    expect(short).toContain('Q'.repeat(500));
    expect(short).not.toContain('**50 findings**');
    expect(short).toMatch(/50 more introduced findings/);
  });
});
