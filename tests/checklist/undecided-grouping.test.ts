import { describe, expect, it } from 'vitest';
import { formatChecklistMarkdown } from '../../server/src/engine/checklist/markdown.js';
import { groupText, groupUndecidedByPlace } from '../../server/src/engine/checklist/undecided-places.js';
import type { UndecidedItem } from '../../server/src/engine/finding.js';
import { changeChecklist, ID, itemsOf, onlyRules, tempRepos, workspaceChecklist } from './support.js';

const newRepo = tempRepos();

// Three IAM rules that each cannot decide a statement whose actions are a variable and whose resource is "*".
const RULES = onlyRules('iam/wildcard-action', 'iam/wildcard-resource', 'iam/passrole-wildcard');
const VARS = 'variable "actions" {\n  type = list(string)\n}\n\nvariable "more" {\n  type = list(string)\n}\n';

function policy(statements: string[]): string {
  return `resource "aws_iam_policy" "dynamic" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
${statements.map((s) => `      ${s},`).join('\n')}
    ]
  })
}
`;
}
const ONE = '{ Effect = "Allow", Action = var.actions, Resource = "*" }';
const TWO = '{ Effect = "Allow", Action = var.more, Resource = "*" }';

describe('undecided items grouped per place (SPEC §7)', () => {
  it('a statement several IAM rules cannot decide is one item naming every rule, with each reason', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': RULES, 'vars.tf': VARS, 'iam.tf': policy([ONE]) }).commit('base');
    const undecided = itemsOf(workspaceChecklist(repo)).filter((i) => i.kind === 'undecided');
    expect(undecided).toHaveLength(1);
    const item = undecided[0]!;
    expect(item).toMatchObject({ id: expect.stringMatching(ID), category: 'iam', file: 'iam.tf', line: 5 });
    expect([...item.ruleIds!].sort()).toEqual(['iam/passrole-wildcard', 'iam/wildcard-action', 'iam/wildcard-resource']);
    expect(item.ruleId).toBe(item.ruleIds![0]);
    for (const rule of item.ruleIds!) expect(item.text).toContain(`(${rule})`);
    // The statement is named once, not once per rule.
    expect(item.text.match(/first statement/g)).toHaveLength(1);
    expect(item.reason).toMatch(/var\.actions/);
  });

  it('two statements are two items, each naming its rules', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': RULES, 'vars.tf': VARS, 'iam.tf': policy([ONE, TWO]) }).commit('base');
    const undecided = itemsOf(workspaceChecklist(repo)).filter((i) => i.kind === 'undecided');
    expect(undecided.map((i) => i.line)).toEqual([5, 6]);
    expect(undecided[0]!.reason).toMatch(/var\.actions/);
    expect(undecided[1]!.reason).toMatch(/var\.more/);
    for (const u of undecided) expect(u.ruleIds).toHaveLength(3);
    expect(new Set(undecided.map((u) => u.id)).size).toBe(2);
  });

  it('one rule alone keeps its own item, without ruleIds', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': onlyRules('iam/wildcard-action'), 'vars.tf': VARS, 'iam.tf': policy([ONE]) }).commit('base');
    const undecided = itemsOf(workspaceChecklist(repo)).filter((i) => i.kind === 'undecided');
    expect(undecided).toHaveLength(1);
    expect(undecided[0]).not.toHaveProperty('ruleIds');
    expect(undecided[0]!.ruleId).toBe('iam/wildcard-action');
    expect(undecided[0]!.text).not.toMatch(/\(iam\//);
  });

  it('in diff mode: one introduced item, in the JSON and the markdown; its id is stable until the statement changes', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': RULES, 'vars.tf': VARS }).commit('base');
    repo.branch('change').write({ 'iam.tf': policy([ONE]) });
    const checklist = changeChecklist(repo);
    const undecided = itemsOf(checklist).filter((i) => i.kind === 'undecided');
    expect(undecided).toHaveLength(1);
    expect(undecided[0]).toMatchObject({ introduced: true, file: 'iam.tf' });
    const lines = formatChecklistMarkdown(checklist).split('\n').filter((l) => l.includes('**Undecided**'));
    expect(lines).toHaveLength(1);
    for (const rule of undecided[0]!.ruleIds!) expect(lines[0]).toContain(`\`${rule}\``);
    expect(lines[0]).toContain('Why undecided:');

    expect(itemsOf(changeChecklist(repo)).find((i) => i.kind === 'undecided')!.id).toBe(undecided[0]!.id);
    repo.write({ 'vars.tf': `# inputs\n\n${VARS}` });
    expect(itemsOf(changeChecklist(repo)).find((i) => i.kind === 'undecided')!.id).toBe(undecided[0]!.id);
    // Only whitespace inside the block changes: the same code, the id stays.
    repo.write({ 'iam.tf': policy([ONE.replace('Resource = "*"', 'Resource  =  "*"')]) });
    expect(itemsOf(changeChecklist(repo)).find((i) => i.kind === 'undecided')!.id).toBe(undecided[0]!.id);
    repo.write({ 'iam.tf': policy([ONE.replace('var.actions', 'concat(var.actions, ["s3:GetObject"])')]) });
    expect(itemsOf(changeChecklist(repo)).find((i) => i.kind === 'undecided')!.id).not.toBe(undecided[0]!.id);
  });
});

describe('groupUndecidedByPlace', () => {
  function item(ruleId: string, start: number, end: number, over: Partial<UndecidedItem> = {}): UndecidedItem {
    const at = (offset: number) => ({ line: 1, column: offset + 1 });
    return { ruleId, category: 'iam', text: `Confirm that statement 1 of x does not allow ${ruleId}`, reason: 'r', file: '/w/a.tf', range: { start: at(start), end: at(end) }, address: 'x', ...over };
  }

  it('slightly different ranges of one statement are one place; the next statement is another', () => {
    const groups = groupUndecidedByPlace([item('iam/a', 10, 50), item('iam/b', 12, 48), item('iam/c', 50, 90)]);
    expect(groups.map((g) => g.map((u) => u.ruleId))).toEqual([['iam/a', 'iam/b'], ['iam/c']]);
  });

  it('never merges other files, addresses or categories', () => {
    const groups = groupUndecidedByPlace([
      item('iam/a', 10, 50),
      item('iam/b', 10, 50, { file: '/w/b.tf' }),
      item('iam/c', 10, 50, { address: 'y' }),
      item('tagging/d', 10, 50, { category: 'tagging' }),
    ]);
    expect(groups).toHaveLength(4);
  });

  it('says the shared words once and each rule its own ending; unrelated texts are listed whole', () => {
    expect(groupText([item('iam/a', 0, 1), item('iam/b', 0, 1)])).toBe('Confirm that statement 1 of x does not allow iam/a (iam/a); iam/b (iam/b)');
    expect(groupText([item('iam/a', 0, 1, { text: 'Check A' }), item('iam/b', 0, 1, { text: 'Check B' })])).toBe('Check A (iam/a); Check B (iam/b)');
  });
});
