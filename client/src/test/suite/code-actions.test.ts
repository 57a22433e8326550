import * as assert from 'node:assert/strict';
import { CodeActionKind, commands, type CodeAction, type Command, workspace, type Diagnostic, type Range, type TextDocument } from 'vscode';
import { findingKeys, openFixture, ruleIdOf, waitForDiagnostics } from './fixture-workspace';

async function codeActionsAt(doc: TextDocument, range: Range): Promise<CodeAction[]> {
  const actions = await commands.executeCommand<Array<CodeAction | Command>>('vscode.executeCodeActionProvider', doc.uri, range, CodeActionKind.QuickFix.value);
  // A bare Command has a string `command`; a CodeAction's `command`, if any, is an object.
  return actions.filter((a): a is CodeAction => typeof a.command !== 'string');
}

async function findingOf(doc: TextDocument, ruleId: string): Promise<Diagnostic> {
  const diagnostics = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => ruleIdOf(d) === ruleId));
  return diagnostics.find((d) => ruleIdOf(d) === ruleId)!;
}

suite('Code actions', () => {
  test('a finding offers its suppression as a prompt for the reason, and its documentation', async () => {
    const doc = await openFixture('main.tf');
    const finding = await findingOf(doc, 'observability/log-retention');
    const actions = await codeActionsAt(doc, finding.range);

    const suppress = actions.find((a) => a.title === 'Suppress observability/log-retention with reason…');
    assert.ok(suppress, `no suppress action among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(suppress.edit, undefined, 'the suppression must not be applied without a reason');
    assert.equal(suppress.command?.command, 'iacReview.suppressWithReason');

    const docs = actions.find((a) => a.command?.command === 'iacReview.showRuleDocumentation');
    assert.ok(docs, 'no "Show documentation" action');
    assert.deepEqual(docs.command?.arguments, ['observability/log-retention']);
  });

  test('cancelling the reason prompt changes nothing', async () => {
    const doc = await openFixture('main.tf');
    const finding = await findingOf(doc, 'observability/log-retention');
    const suppress = (await codeActionsAt(doc, finding.range)).find((a) => a.command?.command === 'iacReview.suppressWithReason');
    assert.ok(suppress?.command);
    const textBefore = doc.getText();
    const applied = commands.executeCommand<boolean>(suppress.command.command, ...(suppress.command.arguments ?? []));
    // Let the input box open, then dismiss it as Escape would.
    await new Promise((r) => setTimeout(r, 500));
    await commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await applied, false);
    assert.equal(doc.getText(), textBefore);
  });

  test("applying the engine's fix removes the finding and only that one", async () => {
    const doc = await openFixture('main.tf');
    const finding = await findingOf(doc, 'lifecycle/prevent-destroy');
    const others = findingKeys(await waitForDiagnostics(doc.uri, () => true)).filter((k) => !k.endsWith(':lifecycle/prevent-destroy'));
    const fix = (await codeActionsAt(doc, finding.range)).find((a) => a.edit && /prevent_destroy/.test(a.title));
    assert.ok(fix?.edit, 'no prevent_destroy fix');

    assert.equal(await workspace.applyEdit(fix.edit), true);
    assert.match(doc.getText(), /lifecycle \{\n\s+prevent_destroy = true\n\s+\}/);
    const after = await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => ruleIdOf(d) === 'lifecycle/prevent-destroy'));
    // The other findings stay (their lines move down by the inserted block).
    assert.equal(after.length, others.length);
    assert.deepEqual(after.map(ruleIdOf).sort(), others.map((k) => k.split(':')[1]).sort());
    await doc.save();
  });
});
