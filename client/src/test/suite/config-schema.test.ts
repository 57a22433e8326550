import * as assert from 'node:assert/strict';
import { languages, window, workspace, type Diagnostic, type Uri } from 'vscode';
import { fixtureUri } from './fixture-workspace';

function diagnosticsFrom(uri: Uri, accept: (ds: Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const ds = languages.getDiagnostics(uri);
      if (accept(ds)) {
        clearInterval(timer);
        clearTimeout(deadline);
        resolve(ds);
      }
    }, 100);
    const deadline = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`no matching diagnostics on ${uri.fsPath}: ${JSON.stringify(languages.getDiagnostics(uri).map((d) => d.message))}`));
    }, timeoutMs);
  });
}

suite('.iac-review.json', () => {
  // Checked by the language server (the shipped schema only describes: each problem is reported once).
  test('is JSON with comments, checked by the language server', async () => {
    // In a folder of its own: no Terraform module there, so the review elsewhere is unaffected.
    const uri = fixtureUri('schema-check/.iac-review.json');
    await workspace.fs.writeFile(uri, new TextEncoder().encode('{\n  // a comment is fine in this file\n  "extends": "lenient"\n}\n'));
    const doc = await workspace.openTextDocument(uri);
    await window.showTextDocument(doc);
    assert.equal(doc.languageId, 'jsonc');

    const diagnostics = await diagnosticsFrom(uri, (ds) => ds.some((d) => d.range.start.line === 2));
    const onExtends = diagnostics.filter((d) => d.range.start.line === 2);
    assert.ok(onExtends.some((d) => d.message.includes('recommended')), `the allowed values are not named: ${JSON.stringify(onExtends.map((d) => d.message))}`);
    // Comments are accepted (jsonc), so the comment line has no error.
    assert.deepEqual(diagnostics.filter((d) => d.range.start.line === 1).map((d) => d.message), []);
  });
});
