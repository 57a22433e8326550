import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { MarkdownString, Range, ThemeIcon, TreeItemCheckboxState, Uri, WorkspaceEdit, commands, env, workspace, type TreeItem } from 'vscode';
import type { ChecklistNode } from '../../checklist-tree';
import type { ChecklistResult } from '../../protocol';
import { extensionApi } from './extension-api';
import { fixtureUri, openFixture, ruleIdOf, waitForDiagnostics } from './fixture-workspace';

type ItemNode = Extract<ChecklistNode, { kind: 'item' }>;

async function refresh(): Promise<ChecklistResult> {
  const result = await commands.executeCommand<ChecklistResult | undefined>('iacReview.refreshChecklist');
  assert.ok(result, 'the checklist did not load');
  return result;
}

/** The view's item nodes, section by section (one workspace folder: sections are the top level). */
async function itemNodes(): Promise<ItemNode[]> {
  const { tree } = (await extensionApi()).checklist;
  const sections = tree.getChildren();
  assert.ok(sections.every((s) => s.kind === 'section'), 'one workspace folder: sections at the top');
  const places = sections.flatMap((s) => tree.getChildren(s));
  assert.ok(places.every((p) => p.kind === 'place'), 'a section holds the places its items are about');
  return places.flatMap((p) => tree.getChildren(p)).filter((n): n is ItemNode => n.kind === 'item');
}

async function treeItemOf(node: ChecklistNode): Promise<TreeItem> {
  return (await extensionApi()).checklist.tree.getTreeItem(node);
}

async function logRetentionNode(): Promise<ItemNode> {
  const node = (await itemNodes()).find((n) => n.item.ruleId === 'observability/log-retention' && n.item.file === 'main.tf');
  assert.ok(node, 'no log-retention item for main.tf in the checklist');
  return node;
}

suite('Review Checklist view', () => {
  test("shows the server's checklist: sections, then items with their kind, file:line and a link to the line", async () => {
    const doc = await openFixture('main.tf');
    const diagnostics = await waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
    const result = await refresh();
    const { tree } = (await extensionApi()).checklist;

    const sections = tree.getChildren();
    const folder = result.folders[0]!;
    assert.deepEqual(
      sections.map((s) => (s.kind === 'section' ? s.section.title : s.kind)),
      folder.checklist.sections.map((s) => s.title),
    );
    for (const section of sections) {
      const item = await treeItemOf(section);
      assert.equal(item.label, (section as Extract<ChecklistNode, { kind: 'section' }>).section.title);
      assert.match(String(item.description), /^\d+\/\d+$/, 'a section shows how many of its boxes are ticked');
    }

    // The findings on main.tf are the diagnostics there, rule by rule and line by line.
    const nodes = await itemNodes();
    assert.equal(nodes.length, folder.checklist.sections.reduce((n, s) => n + s.items.length, 0));
    const findings = nodes.filter((n) => n.item.kind === 'finding' && n.item.file === 'main.tf');
    assert.deepEqual(
      findings.map((n) => `${n.item.line}:${n.item.ruleId}`).sort(),
      diagnostics.map((d) => `${d.range.start.line + 1}:${ruleIdOf(d)}`).sort(),
    );

    const node = await logRetentionNode();
    const item = await treeItemOf(node);
    // A row for what it is about, then the item's: the problem, where in the description, the sentence in the tooltip.
    const observability = sections.find((s) => s.kind === 'section' && s.section.category === 'observability');
    assert.ok(observability, 'an Observability section');
    const place = tree.getChildren(observability).find((p) => p.kind === 'place' && p.place.what === node.item.what);
    assert.ok(place, 'the log group has its row');
    assert.equal((await treeItemOf(place)).label, 'aws_cloudwatch_log_group.jobs');
    assert.equal(item.label, 'no log retention');
    assert.equal(node.item.label, 'aws_cloudwatch_log_group.jobs — no log retention');
    assert.equal(item.description, `main.tf:${node.item.line}`);
    assert.ok(item.tooltip instanceof MarkdownString, 'the tooltip is Markdown');
    assert.ok(item.tooltip.value.includes(node.item.text.replace(/`/g, '').split(' ')[0]!), 'the tooltip holds the sentence');
    assert.ok(!item.tooltip.isTrusted, 'the tooltip runs no commands');
    assert.ok(item.iconPath instanceof ThemeIcon && item.iconPath.id === 'warning', 'a finding has the warning icon');
    assert.notEqual(item.checkboxState, undefined, 'every item has a box');
    assert.equal(item.command?.command, 'vscode.open');
    const [target, options] = item.command.arguments as [Uri, { selection: Range }];
    assert.equal(target.toString(), fixtureUri('main.tf').toString());
    assert.equal(options.selection.start.line, node.item.line - 1);
  });

  test("a tick is kept in the workspace's state by item id, survives a refresh, and goes when the item's code changes", async () => {
    const api = (await extensionApi()).checklist;
    const doc = await openFixture('main.tf');
    await refresh();
    const node = await logRetentionNode();
    const id = node.item.id;
    await api.setTicked([node], false);
    assert.equal((await treeItemOf(node)).checkboxState, TreeItemCheckboxState.Unchecked);

    await api.setTicked([node], true);
    assert.equal(api.ticks.isTicked(id), true);
    assert.equal((await treeItemOf(node)).checkboxState, TreeItemCheckboxState.Checked);
    await refresh();
    const again = await logRetentionNode();
    assert.equal(again.item.id, id, 'the same code keeps its id');
    assert.equal((await treeItemOf(again)).checkboxState, TreeItemCheckboxState.Checked);

    // Change the log group (unsaved: the checklist sees the buffer): a new id, an unticked box.
    const text = doc.getText();
    const at = text.indexOf('name = "/billing/jobs"');
    assert.ok(at >= 0);
    const edit = new WorkspaceEdit();
    const range = new Range(doc.positionAt(at), doc.positionAt(at + 'name = "/billing/jobs"'.length));
    edit.replace(doc.uri, range, 'name = "/billing/jobs-v2"');
    assert.equal(await workspace.applyEdit(edit), true);
    try {
      await refresh();
      const changed = await logRetentionNode();
      assert.notEqual(changed.item.id, id, 'changed code gets a new id');
      assert.equal((await treeItemOf(changed)).checkboxState, TreeItemCheckboxState.Unchecked);
    } finally {
      const undo = new WorkspaceEdit();
      undo.replace(doc.uri, new Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
      await workspace.applyEdit(undo);
      await doc.save();
    }
    // The code as it was: the same id, still ticked.
    await refresh();
    const restored = await logRetentionNode();
    assert.equal(restored.item.id, id);
    assert.equal((await treeItemOf(restored)).checkboxState, TreeItemCheckboxState.Checked);
    await api.setTicked([restored], false);
    assert.equal(api.ticks.isTicked(id), false);
  });

  test("Copy Checklist as Markdown puts the server's Markdown on the clipboard, ticked boxes ticked", async () => {
    const api = (await extensionApi()).checklist;
    const result = await refresh();
    await env.clipboard.writeText('');
    const copied = await commands.executeCommand<string | undefined>('iacReview.copyChecklist');
    assert.equal(copied, result.folders[0]!.markdown, 'nothing ticked: the Markdown the CLI writes');
    assert.match(copied, /^- \[ \] /m, 'GitHub task-list items');
    assert.equal(await env.clipboard.readText(), copied);

    const node = await logRetentionNode();
    await api.setTicked([node], true);
    try {
      const ticked = await commands.executeCommand<string | undefined>('iacReview.copyChecklist');
      assert.ok(ticked);
      const line = ticked.split('\n').find((l) => l.includes(`main.tf:${node.item.line}`) && l.includes('observability/log-retention'));
      assert.ok(line?.startsWith('- [x] '), `the ticked item is copied ticked: ${line}`);
      assert.equal(ticked.split('\n').filter((l) => l.startsWith('- [x] ')).length, 1, 'only the ticked item');
    } finally {
      await api.setTicked([node], false);
    }
  });

  test('Review Changes Against Branch… shows what the change introduced; the whole workspace comes back after', async () => {
    const root = fixtureUri('').fsPath;
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const change = fixtureUri('change/policy.tf');
    await workspace.fs.writeFile(
      change,
      new TextEncoder().encode(
        'resource "aws_iam_policy" "deploy" {\n  name = "deploy"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::b/*" }]\n  })\n}\n',
      ),
    );
    try {
      const result = await commands.executeCommand<ChecklistResult | undefined>('iacReview.reviewChanges', 'HEAD');
      assert.ok(result, 'no checklist for the change');
      assert.equal(result.folders[0]!.checklist.base, 'HEAD');
      const nodes = await itemNodes();
      const introduced = nodes.find((n) => n.item.ruleId === 'iam/wildcard-action' && n.item.file === 'change/policy.tf');
      assert.ok(introduced, `the new wildcard is not in the view: ${JSON.stringify(nodes.map((n) => n.item.ruleId))}`);
      assert.equal(introduced.item.introduced, true);
      // The row says where by the file's name; the place's row above it gives the path.
      assert.match(String((await treeItemOf(introduced)).description), /^🆕 policy\.tf:5$/);
      const { tree } = (await extensionApi()).checklist;
      const place = tree
        .getChildren()
        .flatMap((s) => tree.getChildren(s))
        .find((p) => p.kind === 'place' && p.place.what === 'aws_iam_policy.deploy');
      assert.ok(place, 'the policy has its row');
      assert.match(String((await treeItemOf(place)).description), /change\/policy\.tf:\d+$/);
      assert.equal(introduced.item.label, 'aws_iam_policy.deploy — wildcard actions');
      assert.equal((await treeItemOf(introduced)).label, 'wildcard actions');
      assert.ok(!nodes.some((n) => n.item.file === 'main.tf' && n.item.kind === 'finding'), 'findings in untouched files are not part of the change');

      // An unknown ref: the server's error, and the view keeps the change it showed.
      const failed = await commands.executeCommand<ChecklistResult | undefined>('iacReview.reviewChanges', 'no/such-branch');
      assert.equal(failed, undefined);
      assert.ok((await itemNodes()).some((n) => n.item.file === 'change/policy.tf'));

      const whole = await commands.executeCommand<ChecklistResult | undefined>('iacReview.showWorkspaceChecklist');
      assert.equal(whole?.folders[0]!.checklist.base, null);
      assert.ok((await itemNodes()).some((n) => n.item.file === 'main.tf' && n.item.kind === 'finding'));
    } finally {
      await workspace.fs.delete(Uri.joinPath(change, '..'), { recursive: true });
    }
  });
});
