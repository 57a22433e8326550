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
  // SPEC §5: VS Code validates with the shipped schema; the server adds what the schema cannot see. Each problem once.
  test('is JSON with comments, validated by the schema and the language server, each problem once', async () => {
    // In a folder of its own: no Terraform module there, so the review elsewhere is unaffected.
    const uri = fixtureUri('schema-check/.iac-review.json');
    const longGlob = 'a'.repeat(1001);
    await workspace.fs.writeFile(uri, new TextEncoder().encode(`{\n  // a comment is fine in this file\n  "extends": "lenient",\n  "exclude": ["${longGlob}"]\n}\n`));
    const doc = await workspace.openTextDocument(uri);
    await window.showTextDocument(doc);
    assert.equal(doc.languageId, 'jsonc');

    const diagnostics = await diagnosticsFrom(uri, (ds) => ds.some((d) => d.range.start.line === 2) && ds.some((d) => d.range.start.line === 3));
    // A value outside the enum: the schema's problem, reported once (the server leaves it to VS Code).
    const onExtends = diagnostics.filter((d) => d.range.start.line === 2);
    assert.equal(onExtends.length, 1, `reported once: ${JSON.stringify(onExtends.map((d) => [d.source, d.message]))}`);
    assert.ok(onExtends[0]!.message.includes('recommended'), `the allowed values are not named: ${onExtends[0]!.message}`);
    // A glob too long to use: only the server sees it.
    const onGlob = diagnostics.filter((d) => d.range.start.line === 3);
    assert.equal(onGlob.length, 1, `reported once: ${JSON.stringify(onGlob.map((d) => [d.source, d.message]))}`);
    assert.match(onGlob[0]!.message, /characters long/);
    // Comments are accepted (jsonc), so the comment line has no error.
    assert.deepEqual(diagnostics.filter((d) => d.range.start.line === 1).map((d) => d.message), []);
  });
});
