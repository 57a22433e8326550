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
    // In a folder of its own: no Terraform module there, so the review elsewhere is unaffected. The file is
    // created with its folder, which VS Code's file watcher can miss (parcel-bundler/watcher#97): the server
    // checks it because it is open.
    const uri = fixtureUri('schema-check/.iac-review.json');
    const longGlob = 'a'.repeat(1001);
    const text = `{\n  // a comment is fine in this file\n  "rules": { "hardcoded/region": "fatal" },\n  "exclude": ["${longGlob}"],\n  "extends": "lenient"\n}\n`;
    await workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const doc = await workspace.openTextDocument(uri);
    await window.showTextDocument(doc);
    assert.equal(doc.languageId, 'jsonc');

    const onLine = (ds: Diagnostic[], line: number) => ds.filter((d) => d.range.start.line === line);
    const diagnostics = await diagnosticsFrom(uri, (ds) => [2, 3, 4].every((line) => onLine(ds, line).length > 0));
    const described = (ds: Diagnostic[]) => JSON.stringify(ds.map((d) => [d.source, d.message]));
    // A severity outside the enum: the schema's problem, reported once, by VS Code (the server leaves it out).
    const onSeverity = onLine(diagnostics, 2);
    assert.equal(onSeverity.length, 1, `reported once: ${described(onSeverity)}`);
    assert.notEqual(onSeverity[0]!.source, 'iac-review', `the schema's problem, from VS Code: ${described(onSeverity)}`);
    assert.ok(onSeverity[0]!.message.includes('"warning"'), `the allowed values are not named: ${onSeverity[0]!.message}`);
    // A glob too long to use: only the server sees it.
    const onGlob = onLine(diagnostics, 3);
    assert.equal(onGlob.length, 1, `reported once: ${described(onGlob)}`);
    assert.equal(onGlob[0]!.source, 'iac-review');
    assert.match(onGlob[0]!.message, /characters long/);
    // A string the schema accepts (a package name) that is neither a preset nor an installed package: the server's.
    const onExtends = onLine(diagnostics, 4);
    assert.equal(onExtends.length, 1, `reported once: ${described(onExtends)}`);
    assert.equal(onExtends[0]!.source, 'iac-review');
    assert.ok(onExtends[0]!.message.includes('"recommended"'), `the presets are not named: ${onExtends[0]!.message}`);
    // Comments are accepted (jsonc), so the comment line has no error.
    assert.deepEqual(onLine(diagnostics, 1).map((d) => d.message), []);
  });
});
