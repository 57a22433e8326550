// The output channel (SPEC §9): one info line per review, one per skipped file, over a real JSON-RPC connection.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, LspTestClient } from './lsp-client.js';
import { exampleWorkspace } from './workspace.js';

const INFO = 3;

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

const reviewLines = (c: LspTestClient) => c.logMessages.filter((m) => m.message.startsWith('review (')).map((m) => m);
const skippedLines = (c: LspTestClient) => c.logMessages.filter((m) => m.message.startsWith('skipped ')).map((m) => m.message);

async function waitFor(test: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The example, with a config that excludes a file, a `.tofu` twin and an unreadable file: three kinds of skipped file. */
function workspaceWithSkippedFiles(): string {
  const root = exampleWorkspace();
  writeFileSync(join(root, '.iac-review.json'), '{\n  "exclude": ["**/generated.tf", "vendored/**"]\n}\n');
  writeFileSync(join(root, 'generated.tf'), 'resource "aws_s3_bucket" "g" {\n  bucket = "g"\n}\n');
  // A directory whose every file is excluded: never reviewed, its files still told.
  mkdirSync(join(root, 'vendored'));
  writeFileSync(join(root, 'vendored', 'main.tf'), 'locals {\n  v = 1\n}\n');
  writeFileSync(join(root, 'modules', 'queue', 'extra.tf'), 'locals {\n  a = 1\n}\n');
  writeFileSync(join(root, 'modules', 'queue', 'extra.tofu'), 'locals {\n  a = 2\n}\n');
  writeFileSync(join(root, 'blob.tf'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]));
  return root;
}

describe('output channel', () => {
  it('logs the start-up review as one info line: trigger, modules by role, files, findings, ms, config file — the figures of `check`', async () => {
    const root = workspaceWithSkippedFiles();
    client = await LspTestClient.start({ root, initializationOptions: { debounceMs: 0 } });
    await client.waitForProgressEnd();
    await waitFor(() => reviewLines(client!).length > 0, 'the review line');
    const lines = reviewLines(client);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.type).toBe(INFO);
    const cli = JSON.parse(execFileSync(process.execPath, [CLI, 'check', '--format', 'json', '--fail-on', 'never'], { cwd: root, encoding: 'utf8' })) as {
      summary: { files: number; modules: number; findings: number; suppressed: number };
    };
    const { files, modules, findings, suppressed } = cli.summary;
    expect(lines[0]!.message).toMatch(
      new RegExp(`^review \\(start-up\\) \\.: ${modules} modules \\(1 deployment, 1 module\\), ${files} files, ${findings - suppressed} findings, \\d+ ms; config \\.iac-review\\.json$`),
    );
  });

  it('logs every skipped file once, with its reason', async () => {
    const root = workspaceWithSkippedFiles();
    client = await LspTestClient.start({ root, initializationOptions: { debounceMs: 0 } });
    await client.waitForProgressEnd();
    await waitFor(() => skippedLines(client!).length >= 4, 'four skipped files');
    const skipped = skippedLines(client).sort();
    expect(skipped).toEqual([
      expect.stringMatching(/^skipped blob\.tf: .*binary/),
      `skipped generated.tf: excluded by the "include"/"exclude" globs of ${join(root, '.iac-review.json')}`,
      'skipped modules/queue/extra.tf: extra.tofu replaces it (OpenTofu loads the .tofu file instead)',
      `skipped vendored/main.tf: excluded by the "include"/"exclude" globs of ${join(root, '.iac-review.json')}`,
    ]);
    expect(client.logMessages.filter((m) => m.message.startsWith('skipped ')).every((m) => m.type === INFO)).toBe(true);

    // Reviewing the module again does not repeat them.
    const main = join(root, 'main.tf');
    await client.open(main, readFileSync(main, 'utf8'));
    await waitFor(() => reviewLines(client!).some((l) => l.message.startsWith('review (open)')), 'the open review line');
    expect(skippedLines(client).sort()).toEqual(skipped);
  });

  it('logs one line per edit review, naming the trigger and the module', async () => {
    const root = exampleWorkspace();
    client = await LspTestClient.start({ root, initializationOptions: { debounceMs: 0 } });
    await client.waitForProgressEnd();
    const queue = join(root, 'modules', 'queue', 'main.tf');
    const text = readFileSync(queue, 'utf8');
    await client.open(queue, text);
    await client.waitForDiagnostics(queue, () => true, { fresh: false });
    await waitFor(() => reviewLines(client!).some((l) => l.message.startsWith('review (open) modules/queue:')), 'the open review line');
    const before = reviewLines(client).length;
    const version = await client.change(queue, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    await client.waitForDiagnostics(queue, (p) => p.version === version);
    await waitFor(() => reviewLines(client!).length > before, 'the edit review line');
    const edit = reviewLines(client).slice(before).filter((l) => l.message.includes('modules/queue:'));
    expect(edit.map((l) => l.message)).toEqual([expect.stringMatching(/^review \(edit\) modules\/queue: role module \([^)]*\), \d+ files?, \d+ findings?, \d+ ms; no config file \(recommended defaults\)$/)]);
  });
});
