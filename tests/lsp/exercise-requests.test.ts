// Candidate mode through the language server: start an exercise, no diagnostics there, score the REVIEW comments.
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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
    const started: { folder: string; exercise: string; state: { exercise: string; durationMinutes: number; deadline: string; keyFingerprint: string } } =
      await client.connection.sendRequest('iacReview/exercise/start', { pack: 'junior', out, durationMinutes: 0.25 });
    expect(started.folder).toBe(out);
    // The client keeps the state (deadline, key fingerprint); the folder's marker holds only the id.
    expect(started.state).toMatchObject({ exercise: started.exercise, durationMinutes: 0.25 });
    expect(Date.parse(started.state.deadline) - Date.now()).toBeLessThanOrEqual(15_000);
    expect(JSON.parse(readFileSync(join(out, '.iac-review-exercise.json'), 'utf8'))).toEqual({ version: 2, exercise: started.exercise });
    expect(() => readFileSync(join(out, 'answer-key.json'))).toThrow();

    // The engine finds the planted problems, but the candidate sees nothing.
    const compute = join(out, 'compute.tf');
    const text = readFileSync(compute, 'utf8');
    await client.open(compute, text);
    const shown = await client.waitForDiagnostics(compute);
    expect(shown.diagnostics).toEqual([]);
    expect(await client.hover(compute, 1, 2)).toBeNull();
    const status: Array<{ folder: string; exercise: string }> = await client.connection.sendRequest('iacReview/exercise/status');
    expect(status).toEqual([{ folder: out, exercise: started.exercise }]);
    // Outside the exercise folder, diagnostics go on.
    expect(client.diagnostics.get(uri(join(root, 'main.tf')))!.map((d) => d.code)).toContain('hardcoded/ami-id');

    // Nothing in the candidate's folder leads to the key: scoring needs the interviewer's.
    await expect(client.connection.sendRequest('iacReview/exercise/score', { folder: uri(out) })).rejects.toThrow(/no answer key given/);
    const key = join(import.meta.dirname, '..', '..', 'test-fixtures', 'exercises', 'junior', 'answer-key.json');
    const before: { score: { score: number; found: number } } = await client.connection.sendRequest('iacReview/exercise/score', { folder: uri(out), key });
    expect(before.score).toMatchObject({ score: 0, found: 0 });
    const amiLine = text.split('\n').findIndex((l) => l.includes('ami '));
    expect(amiLine).toBeGreaterThan(0);
    await client.change(compute, [
      { range: { start: { line: amiLine, character: 0 }, end: { line: amiLine, character: 0 } }, text: '  # REVIEW: hard-coded AMI id, look it up with data "aws_ami"\n' },
    ]);
    const after: { score: { found: number; problems: Array<{ id: string; found: boolean }> }; markdown: string } = await client.connection.sendRequest(
      'iacReview/exercise/score',
      { folder: uri(out), key, reveal: true },
    );
    expect(after.score.found).toBe(1);
    expect(after.score.problems.find((p) => p.id === 'ami-literal')?.found).toBe(true);
    expect(after.markdown).toMatch(/# Exercise score/);

    // Submit: time and hash, nothing about the key; scoring with the state then says on time or late.
    const submitted: Record<string, unknown> = await client.connection.sendRequest('iacReview/exercise/submit', { folder: uri(out) });
    expect(Object.keys(submitted).sort()).toEqual(['exercise', 'files', 'filesHash', 'folder', 'submittedAt']);
    const withState: { score: { timing: { status: string; submittedAt: string } } } = await client.connection.sendRequest('iacReview/exercise/score', {
      folder: uri(out),
      key,
      state: { ...started.state, submission: { submittedAt: submitted.submittedAt, filesHash: submitted.filesHash, files: submitted.files } },
    });
    expect(withState.score.timing).toMatchObject({ submittedAt: submitted.submittedAt });
    expect(['on-time', 'late']).toContain(withState.score.timing.status);
    // Another pack's key is refused against this exercise's state.
    const midKey = join(import.meta.dirname, '..', '..', 'test-fixtures', 'exercises', 'mid', 'answer-key.json');
    await expect(client.connection.sendRequest('iacReview/exercise/score', { folder: uri(out), key: midKey, state: started.state })).rejects.toThrow(/not the answer key/);

    await expect(client.connection.sendRequest('iacReview/exercise/score', { folder: uri(root) })).rejects.toThrow(/no answer key/);
  });

  it('stays silent in a folder the client says holds its exercise, even after the marker is deleted; silent no more once the client forgets it', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-exercise-lsp-')));
    writeFileSync(join(root, 'main.tf'), 'locals {}\n');
    client = await LspTestClient.start({ root, initializationOptions: { debounceMs: 0 } });
    await client.waitForProgressEnd();
    const out = join(root, 'candidate');
    await client.connection.sendRequest('iacReview/exercise/start', { pack: 'junior', out });
    await client.connection.sendNotification('iacReview/exercise/folders', { folders: [out] });
    // The candidate deletes the marker: the editor that started the exercise still shows nothing there.
    rmSync(join(out, '.iac-review-exercise.json'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(join(out, '.iac-review-exercise.json')), type: 3 }] });
    const compute = join(out, 'compute.tf');
    await client.open(compute, readFileSync(compute, 'utf8'));
    expect((await client.waitForDiagnostics(compute)).diagnostics).toEqual([]);
    // The client forgets the folder (and there is no marker): the module is reviewed again.
    await client.connection.sendNotification('iacReview/exercise/folders', { folders: [] });
    const shown = await client.waitForDiagnostics(compute, (p) => p.diagnostics.length > 0, { timeoutMs: 20_000 });
    expect(shown.diagnostics.map((d) => d.code)).toContain('hardcoded/ami-id');
  });
});
