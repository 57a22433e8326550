import { describe, expect, it } from 'vitest';
import { formatChecklistMarkdown } from '../../server/src/engine/checklist/markdown.js';
import { itemNaming } from '../../server/src/engine/checklist/item-label.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import { changeChecklist, itemsOf, onlyRules, tempRepos, theItem, workspaceChecklist } from './support.js';

const newRepo = tempRepos();

const DATABASE = `resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = true
}
`;

describe('checklist item labels: what, a dash, the problem (SPEC §9)', () => {
  it('a finding is labelled by its address and its rule’s problem; the sentence stays in text', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': onlyRules('network/public-database'), 'db.tf': DATABASE }).commit('base');
    const item = theItem(workspaceChecklist(repo), (i) => i.ruleId === 'network/public-database');
    expect(item).toMatchObject({ what: 'aws_db_instance.orders', problem: 'publicly accessible', label: 'aws_db_instance.orders — publicly accessible' });
    expect(item.text.length).toBeGreaterThan(item.label.length);
    expect(item.label).not.toMatch(/`/);
  });

  it('a finding without an address is labelled by the block it sits in', () => {
    const repo = newRepo();
    repo
      .write({
        '.iac-review.json': onlyRules('variables/typed-described'),
        'variables.tf': 'variable "region" {\n  default = "eu-west-1"\n}\n',
      })
      .commit('base');
    const item = theItem(workspaceChecklist(repo), (i) => i.ruleId === 'variables/typed-described');
    expect(item.label).toBe('var.region — no type/description');
  });

  it('an undecided place names every rule’s problem once, as a question', () => {
    const repo = newRepo();
    repo
      .write({
        '.iac-review.json': onlyRules('iam/wildcard-action', 'iam/wildcard-resource', 'iam/passrole-wildcard'),
        'vars.tf': 'variable "actions" {\n  type = list(string)\n}\n',
        'iam.tf': `resource "aws_iam_policy" "dynamic" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}
`,
      })
      .commit('base');
    const item = theItem(workspaceChecklist(repo), (i) => i.kind === 'undecided');
    // The first rule's problem and how many more: a row stays short; the tooltip and ruleIds name them all.
    const first = RULES.find((r) => r.meta.id === item.ruleId)!.meta.problem;
    expect(item.ruleIds).toHaveLength(3);
    expect(item).toMatchObject({ what: 'aws_iam_policy.dynamic', problem: `${first} (+2)?`, label: `aws_iam_policy.dynamic — ${first} (+2)?` });
  });

  it('a change question is labelled by its address and what the change does to it', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': onlyRules('network/public-database'), 'db.tf': DATABASE }).commit('base');
    repo.write({ 'db.tf': DATABASE.replace('db.t3.medium', 'db.t3.large') });
    const checklist = changeChecklist(repo);
    const question = theItem(checklist, (i) => i.kind === 'question' && i.text.includes('holds data'));
    expect(question.label).toBe('aws_db_instance.orders — data store changed');
    for (const item of itemsOf(checklist)) expect(item.label).toMatch(/^\S.* — \S/);
  });

  it('text from the reviewed code stays one short line', () => {
    const { label } = itemNaming(`aws_s3_bucket.${'x'.repeat(200)}\n<b>`, 'main.tf', ['no log retention']);
    expect(label).not.toMatch(/\n/);
    expect(label.length).toBeLessThan(120);
    expect(itemNaming(undefined, 'modules/db/main.tf', ['publicly accessible'])).toEqual({ what: 'main.tf', problem: 'publicly accessible', label: 'main.tf — publicly accessible' });
    expect(itemNaming('aws_iam_policy.p', 'iam.tf', ['wildcard actions', 'wildcard actions'], true).problem).toBe('wildcard actions?');
    // A right-to-left override in a name cannot reorder the row.
    expect(itemNaming('aws_s3_bucket.a\u202egnp', 'main.tf', ['no log retention']).what).not.toMatch(/\u202e/);
  });

  it('every phrase a row can show is at most 19 characters', async () => {
    const { QUESTION_PROBLEM } = await import('../../server/src/engine/checklist/item-label.js');
    for (const [topic, phrase] of Object.entries(QUESTION_PROBLEM)) expect(phrase.length, topic).toBeLessThanOrEqual(19);
    for (const rule of RULES) expect(rule.meta.problem.length, rule.meta.id).toBeLessThanOrEqual(19);
  });
});

describe('markdown keeps the ticks it is given', () => {
  it('ticked items are written `- [x]`, the rest `- [ ]`, also when shortened to fit', () => {
    const repo = newRepo();
    repo
      .write({
        '.iac-review.json': onlyRules('network/public-database'),
        'db.tf': DATABASE + DATABASE.replace(/orders/g, 'billing'),
      })
      .commit('base');
    const checklist = workspaceChecklist(repo);
    const [first, second] = itemsOf(checklist);
    const whole = formatChecklistMarkdown(checklist, undefined, new Set([first!.id]));
    const boxes = whole.split('\n').filter((l) => l.startsWith('- ['));
    expect(boxes.filter((l) => l.startsWith('- [x] '))).toHaveLength(1);
    expect(boxes.find((l) => l.includes(`db.tf:${first!.line}`))).toMatch(/^- \[x\] /);
    expect(boxes.find((l) => l.includes(`db.tf:${second!.line}`))).toMatch(/^- \[ \] /);
    // Shortened (findings counted per rule): the group is ticked only when each of its items is.
    let limit = whole.length;
    while (limit > 0 && !formatChecklistMarkdown(checklist, limit).includes('**2 findings**')) limit -= 10;
    const short = (ticked: string[]) => formatChecklistMarkdown(checklist, limit, new Set(ticked)).split('\n').filter((l) => l.startsWith('- ['));
    expect(short([first!.id])).toEqual([expect.stringMatching(/^- \[ \] \*\*2 findings\*\*/)]);
    expect(short([first!.id, second!.id])).toEqual([expect.stringMatching(/^- \[x\] \*\*2 findings\*\*/)]);
  });
});
