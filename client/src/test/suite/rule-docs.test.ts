import * as assert from 'node:assert/strict';
import { TabInputWebview, commands, window } from 'vscode';

const SHOW = 'iacReview.showRuleDocumentation';

/** The tabs of the rule documentation page (a webview of ours). */
function ruleDocsTabs() {
  return window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof TabInputWebview && /iacReview\.ruleDocumentation/.test(t.input.viewType));
}

/** The page's tab is registered once the webview exists, a moment after the command returns. */
async function ruleDocsTabLabels(expected: string[]): Promise<string[]> {
  let labels = ruleDocsTabs().map((t) => t.label);
  for (let i = 0; i < 40 && JSON.stringify(labels) !== JSON.stringify(expected); i++) {
    await new Promise((r) => setTimeout(r, 250));
    labels = ruleDocsTabs().map((t) => t.label);
  }
  return labels;
}

suite('Show Rule Documentation', () => {
  test('the command is registered', async () => {
    const all = await commands.getCommands(true);
    assert.ok(all.includes(SHOW));
  });

  test("opens the rule's documentation from the server in one page, reused for the next rule", async () => {
    assert.equal(await commands.executeCommand<string | undefined>(SHOW, 'lifecycle/prevent-destroy'), 'lifecycle/prevent-destroy');
    assert.deepEqual(await ruleDocsTabLabels(['lifecycle/prevent-destroy']), ['lifecycle/prevent-destroy']);
    assert.equal(await commands.executeCommand<string | undefined>(SHOW, 'iam/wildcard-action'), 'iam/wildcard-action');
    assert.deepEqual(await ruleDocsTabLabels(['iam/wildcard-action']), ['iam/wildcard-action'], 'one page, showing the last rule');
  });

  test('an unknown rule id shows nothing', async () => {
    assert.equal(await commands.executeCommand<string | undefined>(SHOW, 'no-such/rule'), undefined);
  });
});
