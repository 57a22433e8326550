// The server in this process over a real JSON-RPC stream pair, to inject a rule that throws.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConnection } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer } from '../../server/src/lsp/server.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import { uri } from './lsp-client.js';
import { exampleWorkspace } from './workspace.js';

describe('a rule that throws', () => {
  it('is logged once and shown once as an internal-error diagnostic; every other rule still reports and the server keeps answering', async () => {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    let calls = 0;
    const boom = {
      meta: { ...RULES[0]!.meta, id: 'test/boom', category: 'test' },
      check: () => {
        calls++;
        throw new Error('kaboom');
      },
    };
    startServer(createConnection(toServer, toClient), { rules: [boom, ...RULES] });
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const latest = new Map<string, Diagnostic[]>();
    const versions: Array<number | undefined> = [];
    const log: string[] = [];
    client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      latest.set(p.uri, p.diagnostics);
      versions.push(p.version);
    });
    client.onNotification('window/logMessage', (p: { message: string }) => void log.push(p.message));
    client.listen();

    const root = exampleWorkspace();
    await client.sendRequest('initialize', { processId: null, rootUri: uri(root), capabilities: {}, initializationOptions: { debounceMs: 0 } });
    await client.sendNotification('initialized', {});
    const main = join(root, 'main.tf');
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(main), languageId: 'terraform', version: 1, text: readFileSync(main, 'utf8') } });
    for (let v = 2; v <= 4; v++) {
      await client.sendNotification('textDocument/didChange', {
        textDocument: { uri: uri(main), version: v },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }],
      });
    }
    const deadline = Date.now() + 10_000;
    while (!versions.includes(4) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(versions).toContain(4);

    const all = [...latest.values()].flat();
    const internal = all.filter((d) => d.code === 'internal-error');
    // One per module (root and modules/queue), not one per finding or per file.
    expect(internal).toHaveLength(2);
    expect(internal[0]).toMatchObject({ severity: 2, source: 'iac-review', message: expect.stringContaining('internal error in rule test/boom') });
    expect(all.some((d) => d.code === 'iam/wildcard-action')).toBe(true);
    expect(all.some((d) => d.code === 'versioning/module-source-pinned')).toBe(true);
    expect(calls).toBeGreaterThan(2); // it threw on every review…
    expect(log.filter((l) => l.includes('test/boom'))).toHaveLength(2); // …and was logged once per module

    const hover = await client.sendRequest('textDocument/hover', { textDocument: { uri: uri(main) }, position: { line: 3, character: 2 } });
    expect(hover).not.toBeNull();
    await client.sendRequest('shutdown');
    client.dispose();
  });
});
