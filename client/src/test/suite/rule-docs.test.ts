import * as assert from 'node:assert/strict';
import { TabInputWebview, commands, window, workspace, type Uri } from 'vscode';

const SHOW = 'iacReview.showRuleDocumentation';

function markdownPreviewTabs() {
  return window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof TabInputWebview && /markdown\.preview/.test(t.input.viewType));
}

suite('Show Rule Documentation', () => {
  test('the command is registered', async () => {
    const all = await commands.getCommands(true);
    assert.ok(all.includes(SHOW));
  });

  test("opens the rule's documentation from the server in the Markdown preview", async () => {
    const before = markdownPreviewTabs().length;
    const uri = await commands.executeCommand<Uri | undefined>(SHOW, 'lifecycle/prevent-destroy');
    assert.ok(uri, 'the command showed no page');
    const page = await workspace.openTextDocument(uri);
    assert.match(page.getText(), /prevent_destroy/);
    assert.ok(page.getText().length > 200, 'the page holds more than a title');
    assert.equal(markdownPreviewTabs().length, before + 1, 'a Markdown preview opened');
  });

  test('an unknown rule id shows nothing', async () => {
    const uri = await commands.executeCommand<Uri | undefined>(SHOW, 'no-such/rule');
    assert.equal(uri, undefined);
  });
});
