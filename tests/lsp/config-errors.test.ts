// Config errors are reported once (issue 13): the server reports what .iac-review.json means; a client whose
// JSON service reports the syntax (VS Code, initialization option jsonSyntaxErrors: "client") gets no syntax errors from it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient, uri } from './lsp-client.js';
import { exampleWorkspace } from './workspace.js';

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

/** A missing comma (syntax) and an unknown rule id (meaning). */
const BROKEN = '{\n  "extends": "recommended"\n  "rules": { "no/such-rule": "off" }\n}\n';

async function configDiagnostics(initializationOptions: Record<string, unknown>) {
  const root = exampleWorkspace();
  const config = join(root, '.iac-review.json');
  writeFileSync(config, BROKEN);
  client = await LspTestClient.start({ root, initializationOptions });
  await client.waitForProgressEnd();
  const { diagnostics } = await client.waitForDiagnostics(config, (p) => p.diagnostics.length > 0, { fresh: false });
  return diagnostics.map((d) => ({ line: d.range.start.line, code: d.code, message: d.message }));
}

describe('config errors', () => {
  it('a client with its own JSON service gets the errors of meaning only, each once', async () => {
    const got = await configDiagnostics({ jsonSyntaxErrors: 'client' });
    expect(got).toEqual([{ line: 2, code: 'config-error', message: expect.stringMatching(/^Unknown rule "no\/such-rule"/) }]);
  });

  it('any other client (Neovim, Helix…) gets the syntax errors too', async () => {
    const got = await configDiagnostics({});
    expect(got.map((d) => d.message)).toEqual([expect.stringMatching(/^Invalid JSON: comma expected/), expect.stringMatching(/^Unknown rule "no\/such-rule"/)]);
    expect(got.every((d) => d.code === 'config-error')).toBe(true);
  });

  it('a .iac-review.json no workspace folder uses (a subfolder\'s) is checked when it changes, and cleared when deleted', async () => {
    const root = exampleWorkspace();
    client = await LspTestClient.start({ root, initializationOptions: { jsonSyntaxErrors: 'client' } });
    await client.waitForProgressEnd();
    mkdirSync(join(root, 'nested'));
    const nested = join(root, 'nested', '.iac-review.json');
    writeFileSync(nested, '{\n  // a comment is fine\n  "extends": "lenient"\n}\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(nested), type: 1 }] });
    const { diagnostics } = await client.waitForDiagnostics(nested, (p) => p.diagnostics.length > 0, { fresh: false });
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[2, expect.stringContaining('"recommended", "strict" or "none"')]]);
    rmSync(nested);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(nested), type: 3 }] });
    await client.waitForDiagnostics(nested, (p) => p.diagnostics.length === 0, { fresh: false });
  });
});
