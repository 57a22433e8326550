import * as assert from 'node:assert/strict';
import { extensions } from 'vscode';
import { SEVERITY_BY_NAME, expectationKeys, expectationsOf, findingKeys, openFixture, ruleIdOf, waitForDiagnostics } from './fixture-workspace';

suite('Diagnostics', () => {
  test('the extension is active', async () => {
    const extension = extensions.getExtension('iac-review.iac-review');
    assert.ok(extension, 'extension iac-review.iac-review is not installed');
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('an opened Terraform file gets exactly the findings its # expect comments name', async () => {
    const doc = await openFixture('main.tf');
    const expected = expectationsOf(doc);
    assert.ok(expected.length >= 3, 'the fixture should plant several findings');
    const want = expectationKeys(expected);
    const diagnostics = await waitForDiagnostics(doc.uri, (ds) => ds.length >= want.length);
    assert.deepEqual(findingKeys(diagnostics), want);

    for (const e of expected) {
      const d = diagnostics.find((x) => x.range.start.line + 1 === e.line && ruleIdOf(x) === e.ruleId);
      assert.ok(d);
      assert.ok(d.message.length > 0, `${e.ruleId} has a message`);
      if (e.severity) assert.equal(d.severity, SEVERITY_BY_NAME[e.severity], `${e.ruleId} severity`);
    }
  });
});
