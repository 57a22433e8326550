import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeWorkspace, type AnalysisResult } from '../../server/src/engine/analyze.js';
import { buildChecklist, type Checklist } from '../../server/src/engine/checklist/checklist.js';
import { formatChecklistMarkdown } from '../../server/src/engine/checklist/markdown.js';
import { SENSITIVE, UNKNOWN_AFTER_APPLY, type Plan, type PlanValue } from '../../server/src/engine/plan/plan-model.js';
import type { Finding } from '../../server/src/engine/finding.js';
import { fileTree } from '../support/file-tree.js';
import { TestRepo } from '../support/git-repo.js';
import { reviewChange } from '../../server/src/engine/change/review-change.js';
import { planOf, policyJson } from '../support/plan-builder.js';
import { itemsOf, onlyRules, questions, theItem } from './support.js';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

const CODE = {
  '.iac-review.json': onlyRules('tagging/required-tags'),
  'main.tf': `resource "aws_db_instance" "orders" {
  engine = "postgres"
}

resource "aws_instance" "web" {
  ami = "ami-123"
}

resource "aws_iam_policy" "deploy" {
  policy = var.policy
}

resource "aws_security_group" "web" {
  name = "web"
}

resource "aws_s3_bucket" "logs" {
  for_each = var.buckets
}
`,
};

/**
 * The workspace reviewed with the plan. `planPlace` stands in for the lead's fusion (analyze.ts fills it):
 * a root resource's address → its block in main.tf, found by its header.
 */
function review(plan: Plan, options: { place?: boolean; findings?: Finding[] } = {}): { checklist: Checklist; root: string; analysis: AnalysisResult } {
  const root = fileTree(CODE);
  roots.push(root);
  const analysis = analyzeWorkspace({ cwd: root, keepModules: true, fixes: 'none', plan });
  // Without a place in the code (an address the code does not have), an item stays at the top of the plan file.
  if (options.place === false) analysis.planPlace = undefined;
  else {
    const file = join(root, 'main.tf');
    const lines = readFileSync(file, 'utf8').split('\n');
    analysis.planPlace = (address) => {
      const m = /^(?:module\.[^.]+\.)*([^.[]+)\.([^.[]+)/.exec(address);
      const line = m ? lines.findIndex((l) => l.startsWith(`resource "${m[1]}" "${m[2]}"`)) + 1 : 0;
      if (line === 0) return undefined;
      const at = { line, column: 1 };
      return { file, range: { start: at, end: at }, address };
    };
  }
  if (options.findings) analysis.findings.push(...options.findings);
  return { checklist: buildChecklist({ cwd: root, analysis, plan }), root, analysis };
}

const DB_BEFORE = { engine: 'postgres', engine_version: '14.7', identifier: 'orders', publicly_accessible: false, storage_encrypted: false };

describe('checklist --plan: counts and stateful data first', () => {
  const plan = planOf([
    { address: 'aws_db_instance.orders', actions: ['delete', 'create'], before: DB_BEFORE, after: { ...DB_BEFORE, storage_encrypted: true }, replacePaths: [['storage_encrypted']], actionReason: 'replace_because_cannot_update' },
    { address: 'aws_instance.web', actions: ['create', 'delete'], before: { ami: 'ami-1' }, after: { ami: 'ami-2' }, replacePaths: [['ami']] },
    { address: 'aws_s3_bucket.logs["a"]', actions: ['create'], after: { bucket: 'a' } },
    { address: 'aws_s3_bucket.logs["b"]', actions: ['delete'], before: { bucket: 'b' }, actionReason: 'delete_because_each_key' },
    { address: 'aws_s3_bucket.logs["c"]', actions: ['delete'], before: { bucket: 'c' }, actionReason: 'delete_because_each_key' },
    { address: 'aws_security_group.web', actions: ['update'], before: { ingress: [] }, after: { ingress: [] } },
    { address: 'aws_iam_policy.deploy', actions: ['no-op'], before: { policy: policyJson(['s3:GetObject']) }, after: { policy: policyJson(['s3:GetObject']) } },
    { address: 'data.aws_iam_policy_document.x', actions: ['read'], after: {} },
  ]);

  it('counts each action, reads and no-ops left out, and says so first in the markdown', () => {
    const { checklist } = review(plan);
    expect(checklist.plan).toMatchObject({ file: 'plan.json', counts: { create: 1, update: 1, replace: 2, delete: 2 } });
    const markdown = formatChecklistMarkdown(checklist);
    expect(markdown.split('\n').slice(0, 3)).toEqual(['## IaC review checklist', '', '**Plan** `plan.json`: 1 to create, 1 to update, 2 to replace, 2 to delete.']);
  });

  it('puts the plan section first, replaced and destroyed stateful resources before other replacements', () => {
    const { checklist } = review(plan);
    expect(checklist.sections[0]!.category).toBe('plan');
    expect(checklist.sections[0]!.title).toBe('What the plan destroys or replaces');
    const items = checklist.sections[0]!.items;
    expect(items.map((i) => i.label)).toEqual([
      'aws_db_instance.orders — data replaced',
      'aws_s3_bucket.logs — data destroyed',
      'aws_instance.web — replaced',
    ]);
    expect(items[0]!.text).toContain('destroy, then create; forced by `storage_encrypted` — an argument that cannot be updated in place changes');
    expect(items[2]!.text).toContain('create the new object, then destroy the old; forced by `ami`');
  });

  it('names the instances of one block that raise the same question in one item, placed on the block', () => {
    const { checklist } = review(plan);
    const destroyed = theItem(checklist, (i) => i.label === 'aws_s3_bucket.logs — data destroyed');
    expect(destroyed.text).toContain('`aws_s3_bucket.logs` (instances `aws_s3_bucket.logs["b"]`, `aws_s3_bucket.logs["c"]`)');
    expect(destroyed.text).toContain('its `for_each` key is gone');
    expect(destroyed).toMatchObject({ file: 'main.tf', line: 17 });
  });

  it('asks nothing of a change that changes nothing (an update whose values are the same, a no-op, a read)', () => {
    const { checklist } = review(plan);
    expect(questions(checklist).filter((q) => q.category !== 'plan')).toEqual([]);
  });

  it('leaves a stateful replacement to the plan rule when its finding stands for the instance', () => {
    const finding = { ruleId: 'plan/replaces-stateful', address: 'aws_db_instance.orders', category: 'plan', severity: 'error', message: 'replaced', file: '', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } } as Finding;
    const { checklist } = review(plan, { findings: [] });
    expect(itemsOf(checklist).some((i) => i.label === 'aws_db_instance.orders — data replaced')).toBe(true);
    const root = fileTree(CODE);
    roots.push(root);
    const analysis = analyzeWorkspace({ cwd: root, keepModules: true, fixes: 'none', plan });
    analysis.findings.push({ ...finding, file: join(root, 'main.tf') });
    const withRule = buildChecklist({ cwd: root, analysis, plan });
    expect(questions(withRule).some((i) => i.label === 'aws_db_instance.orders — data replaced')).toBe(false);
    expect(questions(withRule).some((i) => i.label === 'aws_s3_bucket.logs — data destroyed')).toBe(true);
  });

  it('places an address the code does not have at the top of the plan file', () => {
    const { checklist } = review(plan, { place: false });
    const item = theItem(checklist, (i) => i.label === 'aws_db_instance.orders — data replaced');
    expect(item).toMatchObject({ file: 'plan.json', line: 1 });
  });

  it('keeps item ids stable across runs and distinct per question', () => {
    const a = itemsOf(review(plan).checklist).map((i) => i.id);
    const b = itemsOf(review(plan).checklist).map((i) => i.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });
});

describe('checklist --plan: drift', () => {
  it('asks about drift on a stateful resource, naming what changed outside Terraform', () => {
    const plan = planOf([], {
      drift: [
        { address: 'aws_db_instance.orders', actions: ['update'], before: DB_BEFORE, after: { ...DB_BEFORE, engine_version: '14.9' } },
        { address: 'aws_instance.web', actions: ['update'], before: { ami: 'a' }, after: { ami: 'b' } },
      ],
    });
    const { checklist } = review(plan);
    const drift = theItem(checklist, (i) => i.label === 'aws_db_instance.orders — changed outside');
    expect(drift.text).toBe(
      "`aws_db_instance.orders` holds data and was changed outside Terraform since the last apply (`engine_version`): confirm the plan's change keeps it — should the code adopt the change rather than undo it?",
    );
    expect(questions(checklist).some((i) => i.what === 'aws_instance.web')).toBe(false);
  });

  it('names no value the plan marks sensitive, and says when only sensitive values drifted', () => {
    const plan = planOf([], { drift: [{ address: 'aws_db_instance.orders', actions: ['update'], before: { ...DB_BEFORE, password: SENSITIVE }, after: { ...DB_BEFORE, password: SENSITIVE } }] });
    const drift = theItem(review(plan).checklist, (i) => i.label === 'aws_db_instance.orders — changed outside');
    expect(drift.text).toContain('(in values the plan marks sensitive)');
  });
});

describe('checklist --plan: IAM widened between before and after', () => {
  const change = (before: string | typeof SENSITIVE | typeof UNKNOWN_AFTER_APPLY | null, after: string | typeof SENSITIVE | typeof UNKNOWN_AFTER_APPLY) =>
    planOf([{ address: 'aws_iam_policy.deploy', actions: before === null ? ['create'] : ['update'], before: before === null ? null : { policy: before }, after: { policy: after } }]);

  it('asks who approved the actions the rendered policy gains', () => {
    const { checklist } = review(change(policyJson(['s3:GetObject'], 'arn:aws:s3:::a/*'), policyJson(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::a/*')));
    const item = theItem(checklist, (i) => i.category === 'iam');
    expect(item.text).toBe('Who approved widening `aws_iam_policy.deploy`? The plan gives it actions s3:PutObject.');
    expect(item).toMatchObject({ kind: 'question', label: 'aws_iam_policy.deploy — access widened', file: 'main.tf', line: 9 });
  });

  it('does not call a narrowing a widening, and asks nothing when the document is the same', () => {
    const narrowed = review(change(policyJson(['s3:*']), policyJson(['s3:GetObject']))).checklist;
    expect(theItem(narrowed, (i) => i.category === 'iam').label).toBe('aws_iam_policy.deploy — policy changed');
    const same = review(change(policyJson(['s3:GetObject']), policyJson(['s3:GetObject']))).checklist;
    expect(itemsOf(same).filter((i) => i.category === 'iam')).toEqual([]);
  });

  it('honours IAM wildcards: s3:* before covers s3:GetObject after', () => {
    const { checklist } = review(change(policyJson(['s3:*', 'ec2:Describe*']), policyJson(['s3:GetObject', 'ec2:DescribeInstances'])));
    expect(theItem(checklist, (i) => i.category === 'iam').label).toBe('aws_iam_policy.deploy — policy changed');
  });

  it('lists everything a new policy grants', () => {
    const item = theItem(review(change(null, policyJson(['iam:PassRole']))).checklist, (i) => i.category === 'iam');
    expect(item.text).toBe('`aws_iam_policy.deploy` is a new policy granting actions iam:PassRole; resources *; an Allow statement without a Condition: who approved this access?');
  });

  it('never compares or prints a sensitive or unknown policy: it says so and asks', () => {
    for (const [after, word] of [
      [SENSITIVE, '(sensitive)'],
      [UNKNOWN_AFTER_APPLY, '(known after apply)'],
    ] as const) {
      const item = theItem(review(change(policyJson(['s3:GetObject']), after)).checklist, (i) => i.category === 'iam');
      expect(item.text).toBe(`\`aws_iam_policy.deploy\` changes a policy the plan does not show (\`policy\` is ${word}): confirm it does not grant more than before.`);
    }
  });
});

describe('checklist --plan: security rules opened, exposure, versions', () => {
  const sg = (ingress: PlanValue[]): PlanValue => ({ name: 'web', ingress });
  const rule = (cidrs: PlanValue, from: number, to: number, protocol = 'tcp'): PlanValue => ({ cidr_blocks: cidrs, ipv6_cidr_blocks: [], security_groups: [], prefix_list_ids: [], self: false, from_port: from, to_port: to, protocol });

  it('names the ingress a security group opens, and nothing it already allowed', () => {
    const plan = planOf([
      { address: 'aws_security_group.web', actions: ['update'], before: sg([rule(['10.0.0.0/8'], 0, 65535)]), after: sg([rule(['10.0.0.0/8'], 443, 443), rule(['0.0.0.0/0'], 22, 22)]) },
    ]);
    const item = theItem(review(plan).checklist, (i) => i.category === 'network');
    expect(item.text).toBe(
      '`aws_security_group.web` opens ingress: tcp 22 from `0.0.0.0/0`. Confirm it is intended — what can now reach what, and is any of it the internet?',
    );
  });

  it('asks nothing when a security group only narrows', () => {
    const plan = planOf([{ address: 'aws_security_group.web', actions: ['update'], before: sg([rule(['0.0.0.0/0'], 22, 22), rule(['10.0.0.0/8'], 443, 443)]), after: sg([rule(['10.0.0.0/8'], 443, 443)]) }]);
    expect(itemsOf(review(plan).checklist).filter((i) => i.category === 'network')).toEqual([]);
  });

  it('treats a source known only after apply as opened, and says so', () => {
    const plan = planOf([{ address: 'aws_security_group.web', actions: ['update'], before: sg([]), after: sg([rule(UNKNOWN_AFTER_APPLY, 5432, 5432)]) }]);
    expect(theItem(review(plan).checklist, (i) => i.category === 'network').text).toContain('tcp 5432 from `(known after apply)`');
  });

  it('asks when publicly_accessible is turned on, not when it stays as it was', () => {
    const on = planOf([{ address: 'aws_db_instance.orders', actions: ['update'], before: DB_BEFORE, after: { ...DB_BEFORE, publicly_accessible: true } }]);
    expect(theItem(review(on).checklist, (i) => i.category === 'network').text).toBe(
      '`aws_db_instance.orders` turns on `publicly_accessible` (false → true): confirm whether it is now reachable from the internet, and that this is intended.',
    );
    const same = planOf([{ address: 'aws_db_instance.orders', actions: ['update'], before: DB_BEFORE, after: { ...DB_BEFORE, identifier: 'orders-2' } }]);
    expect(itemsOf(review(same).checklist).filter((i) => i.category === 'network')).toEqual([]);
  });

  it('asks about an engine version bump, never printing a sensitive version', () => {
    const bump = planOf([{ address: 'aws_db_instance.orders', actions: ['update'], before: DB_BEFORE, after: { ...DB_BEFORE, engine_version: '15.4' } }]);
    expect(theItem(review(bump).checklist, (i) => i.category === 'versioning').text).toMatch(/^`aws_db_instance\.orders` moves `engine_version` from `14\.7` to `15\.4`: was the upgrade guide read/);
    const hidden = planOf([{ address: 'aws_db_instance.orders', actions: ['update'], before: DB_BEFORE, after: { ...DB_BEFORE, engine_version: SENSITIVE } }]);
    const markdown = formatChecklistMarkdown(review(hidden).checklist);
    expect(markdown).toContain('from `14.7` to `(sensitive)`');
  });
});

describe('checklist --plan: plan notes in the Markdown', () => {
  it('lists the first ten notes under the counts and says how many more the JSON holds', () => {
    const notes = Array.from({ length: 25 }, (_, i) => `aws_s3_bucket.b${i}: not in the code`);
    const { checklist } = review(planOf([{ address: 'aws_instance.web', actions: ['no-op'], before: { ami: 'a' }, after: { ami: 'a' } }], { notes }));
    // The reader's notes, and any the fusion with the code adds.
    expect(checklist.plan?.notes).toEqual(expect.arrayContaining(notes));
    const markdown = formatChecklistMarkdown(checklist);
    expect(markdown.match(/^- Plan note: /gm)).toHaveLength(10);
    expect(markdown).toContain(`- … and ${checklist.plan!.notes.length - 10} more plan notes (\`--format json\`: \`plan.notes\`).`);
  });
});

describe('checklist --base --plan: the plan answers the questions it has real values for', () => {
  const policy = (actions: string[]) =>
    `resource "aws_iam_policy" "reader" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ${JSON.stringify(actions)}, Resource = "arn:aws:s3:::r/*" }]\n  })\n}\n`;
  const plan = planOf([
    {
      address: 'aws_iam_policy.reader',
      actions: ['update'],
      before: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::r/*' }] }) },
      after: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::r/*' }] }) },
    },
  ]);

  function changed(): string {
    const repo = new TestRepo();
    roots.push(repo.root);
    repo.write({ '.iac-review.json': onlyRules('tagging/required-tags'), 'iam.tf': policy(['s3:GetObject']) }).commit('base');
    repo.branch('change').write({ 'iam.tf': policy(['s3:GetObject', 's3:PutObject']) });
    return repo.root;
  }

  it('asks the IAM question once, from the plan, where the plan reaches the module', () => {
    const root = changed();
    const change = reviewChange({ cwd: root, base: 'main', plan });
    const at = { line: 1, column: 1 };
    change.head.planPlace = (address) => ({ file: join(root, 'iam.tf'), range: { start: at, end: at }, address });
    const iam = itemsOf(buildChecklist({ cwd: root, change, plan })).filter((i) => i.category === 'iam');
    expect(iam.map((i) => i.text)).toEqual(['Who approved widening `aws_iam_policy.reader`? The plan gives it actions s3:PutObject.']);
  });

  it('keeps the diff-mode question where the plan does not reach (its addresses placed nowhere in the code)', () => {
    const root = changed();
    const change = reviewChange({ cwd: root, base: 'main', plan });
    change.head.planPlace = () => undefined;
    const iam = itemsOf(buildChecklist({ cwd: root, change, plan })).filter((i) => i.category === 'iam');
    expect(iam.map((i) => i.file).sort()).toEqual(['iam.tf', 'plan.json']);
  });
});
