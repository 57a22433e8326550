// Candidate mode through the language server: start an exercise, no diagnostics there, score the REVIEW comments.
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient, uri } from './lsp-client.js';

let client: LspTestClient | undefined;
afterEach(() => client?.kill());

describe('exercise requests', () => {
  it('start copies a pack without its key and hides diagnostics there; score counts unsaved REVIEW comments', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-exercise-lsp-')));
    writeFileSync(join(root, 'main.tf'), 'resource "aws_instance" "x" {\n  ami = "ami-0123456789abcdef0"\n}\n');
    client = await LspTestClient.start({ root, initializationOptions: { debounceMs: 0 } });
    await client.waitForProgressEnd();
    expect(client.diagnostics.get(uri(join(root, 'main.tf')))!.map((d) => d.code)).toContain('hardcoded/ami-id');

    const packs: Array<{ name: string }> = await client.connection.sendRequest('iacReview/exercise/list');
    expect(packs.map((p) => p.name)).toEqual(expect.arrayContaining(['junior', 'mid', 'lead']));

    const out = join(root, 'candidate');
    const started: { folder: string; deadline: string; marker: { exercise: string; durationMinutes: number } } = await client.connection.sendRequest(
      'iacReview/exercise/start',
      { pack: 'junior', out },
    );
    expect(started.folder).toBe(out);
    expect(started.marker).toMatchObject({ exercise: 'junior', durationMinutes: 40 });
    expect(Date.parse(started.deadline) - Date.now()).toBeGreaterThan(39 * 60_000);
    expect(() => readFileSync(join(out, 'answer-key.json'))).toThrow();

    // The engine finds the planted problems, but the candidate sees nothing.
    const compute = join(out, 'compute.tf');
    const text = readFileSync(compute, 'utf8');
    await client.open(compute, text);
    const shown = await client.waitForDiagnostics(compute);
    expect(shown.diagnostics).toEqual([]);
    expect(await client.hover(compute, 1, 2)).toBeNull();
    const status: Array<{ folder: string }> = await client.connection.sendRequest('iacReview/exercise/status');
    expect(status.map((s) => s.folder)).toEqual([out]);
    // Outside the exercise folder, diagnostics go on.
    expect(client.diagnostics.get(uri(join(root, 'main.tf')))!.map((d) => d.code)).toContain('hardcoded/ami-id');

    const before: { score: { score: number; found: number } } = await client.connection.sendRequest('iacReview/exercise/score', { folder: uri(out) });
    expect(before.score).toMatchObject({ score: 0, found: 0 });
    const amiLine = text.split('\n').findIndex((l) => l.includes('ami '));
    expect(amiLine).toBeGreaterThan(0);
    await client.change(compute, [
      { range: { start: { line: amiLine, character: 0 }, end: { line: amiLine, character: 0 } }, text: '  # REVIEW: hard-coded AMI id, look it up with data "aws_ami"\n' },
    ]);
    const after: { score: { found: number; problems: Array<{ id: string; found: boolean }> }; markdown: string } = await client.connection.sendRequest(
      'iacReview/exercise/score',
      { folder: uri(out), reveal: true },
    );
    expect(after.score.found).toBe(1);
    expect(after.score.problems.find((p) => p.id === 'ami-literal')?.found).toBe(true);
    expect(after.markdown).toMatch(/# Exercise score/);

    await expect(client.connection.sendRequest('iacReview/exercise/score', { folder: uri(root) })).rejects.toThrow(/no answer key/);
  });
});
