// Config errors are reported once (issue 13): a client whose JSON service reports the syntax (VS Code,
// initialization option jsonSyntaxErrors: "client") and validates with the shipped schema (configSchemaErrors:
// "client", SPEC §5) gets from the server only what the schema cannot see; other clients get everything.
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

/** A missing comma (syntax), an unknown rule id (the schema rejects it) and a glob too long to use (only the server sees it). */
const BROKEN = `{\n  "extends": "recommended"\n  "rules": { "no/such-rule": "off" },\n  "exclude": ["${'a'.repeat(1001)}"]\n}\n`;

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
  it('a client with a JSON service that validates with the schema gets only what the schema cannot see, once', async () => {
    const got = await configDiagnostics({ jsonSyntaxErrors: 'client', configSchemaErrors: 'client' });
    expect(got).toEqual([{ line: 3, code: 'config-error', message: expect.stringMatching(/^"exclude" has a glob that/) }]);
  });

  it('a client with a JSON service but no schema validation gets the errors of meaning', async () => {
    const got = await configDiagnostics({ jsonSyntaxErrors: 'client' });
    expect(got.map((d) => d.message)).toEqual([expect.stringMatching(/^Unknown rule "no\/such-rule"/), expect.stringMatching(/^"exclude" has a glob that/)]);
  });

  it('any other client (Neovim, Helix…) gets the syntax errors too', async () => {
    const got = await configDiagnostics({});
    expect(got.map((d) => d.message)).toEqual([
      expect.stringMatching(/^Invalid JSON: comma expected/),
      expect.stringMatching(/^Unknown rule "no\/such-rule"/),
      expect.stringMatching(/^"exclude" has a glob that/),
    ]);
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

  it('an open .iac-review.json is checked from its buffer without any file event; typing is checked once it pauses', async () => {
    // VS Code's file watcher can miss a file created together with its folder (parcel-bundler/watcher#97):
    // the open document alone must be enough.
    const root = exampleWorkspace();
    client = await LspTestClient.start({ root, initializationOptions: { jsonSyntaxErrors: 'client', configSchemaErrors: 'client', debounceMs: 200 } });
    await client.waitForProgressEnd();
    mkdirSync(join(root, 'fresh'));
    const config = join(root, 'fresh', '.iac-review.json');
    const glob = (n: number) => `{\n  // a comment is fine\n  "exclude": ["${'a'.repeat(n)}"]\n}\n`;
    writeFileSync(config, glob(1001));
    await client.open(config, glob(1001), 'jsonc');
    const opened = await client.waitForDiagnostics(config, (p) => p.diagnostics.length > 0, { fresh: false });
    expect(opened.diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([[2, expect.stringContaining('1001 characters long')]]);
    await client.waitForProgressEnd(2);

    // Five keystrokes in quick succession (unsaved): one more review of the workspace, with the last text.
    for (let n = 1002; n <= 1006; n++) await client.change(config, [{ text: glob(n) }]);
    const typed = await client.waitForDiagnostics(config, (p) => p.diagnostics.some((d) => String(d.message).includes('1006 characters long')));
    expect(typed.diagnostics).toHaveLength(1);
    await client.waitForProgressEnd(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // One review for the open, one for the five keystrokes.
    const configScans = client.log.filter((line) => line.startsWith('review (configuration) .'));
    expect(configScans, client.log.join('\n')).toHaveLength(2);

    // Hovers and code actions on it (VS Code asks them of every document it sends): nothing, and no error.
    expect(await client.hover(config, 2, 5)).toBeNull();
    expect(await client.codeActions(config, typed.diagnostics[0]!.range, typed.diagnostics)).toEqual([]);
    expect(client.logMessages.filter((m) => m.type === 1)).toEqual([]);

    // Closed, and never reported changing on disk: no folder uses it, so its problems go with the editor.
    await client.close(config);
    await client.waitForDiagnostics(config, (p) => p.diagnostics.length === 0);
  });
});
