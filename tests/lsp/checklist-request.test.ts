// iacReview/checklist over the protocol: what the editor's Review Checklist view shows.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, LspTestClient } from './lsp-client.js';
import { TestRepo } from '../support/git-repo.js';

interface Item {
  id: string;
  kind: string;
  text: string;
  ruleId?: string;
  file: string;
  line: number;
  introduced?: boolean;
}
interface Result {
  folders: Array<{ folder: string; checklist: { base: string | null; sections: Array<{ category: string; items: Item[] }> }; markdown: string }>;
}

const WILDCARD = `resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::b/*" }]
  })
}
`;

let client: LspTestClient | undefined;
afterEach(() => client?.kill());

describe('iacReview/checklist', () => {
  it('equals `iac-review checklist` in the folder, with and without a base; an unknown base is a clear error', async () => {
    const repo = new TestRepo();
    repo.write({ 'main.tf': 'locals {\n  name = "svc"\n}\n' }).commit('base');
    repo.branch('change').write({ 'iam.tf': WILDCARD }).commit('add a policy');
    client = await LspTestClient.start({ root: repo.root });

    const whole: Result = await client.connection.sendRequest('iacReview/checklist', {});
    const cli = (args: string[]) => JSON.parse(execFileSync(process.execPath, [CLI, 'checklist', '--format', 'json', ...args], { cwd: repo.root, encoding: 'utf8' }));
    expect(whole.folders).toHaveLength(1);
    expect(whole.folders[0]!.checklist).toEqual(cli([]));

    const change: Result = await client.connection.sendRequest('iacReview/checklist', { base: 'main' });
    expect(change.folders[0]!.checklist).toEqual(cli(['--base', 'main']));
    const items = change.folders[0]!.checklist.sections.flatMap((s) => s.items);
    expect(items.find((i) => i.ruleId === 'iam/wildcard-action')).toMatchObject({ kind: 'finding', file: 'iam.tf', introduced: true });
    expect(change.folders[0]!.markdown).toMatch(/- \[ \] .*iam\/wildcard-action/);

    await expect(client.connection.sendRequest('iacReview/checklist', { base: 'no/such-branch' })).rejects.toThrow(/the base "no\/such-branch" is not a branch, tag or commit/);
  });

  it('without a base, sees unsaved buffers', async () => {
    const repo = new TestRepo();
    repo.write({ 'main.tf': 'locals {\n  name = "svc"\n}\n' }).commit('base');
    client = await LspTestClient.start({ root: repo.root });
    await client.open(join(repo.root, 'iam.tf'), WILDCARD);
    const result: Result = await client.connection.sendRequest('iacReview/checklist', {});
    const items = result.folders[0]!.checklist.sections.flatMap((s) => s.items);
    expect(items.map((i) => i.ruleId)).toContain('iam/wildcard-action');
  });

  it("leaves a candidate's exercise folder out, as it does its diagnostics", async () => {
    const repo = new TestRepo();
    repo.write({ 'iam.tf': WILDCARD }).commit('base');
    client = await LspTestClient.start({ root: repo.root });
    await client.connection.sendRequest('iacReview/exercise/start', { pack: 'junior', out: join(repo.root, 'candidate') });
    const result: Result = await client.connection.sendRequest('iacReview/checklist', {});
    const items = result.folders[0]!.checklist.sections.flatMap((s) => s.items);
    expect(items.map((i) => i.file)).toContain('iam.tf');
    expect(items.filter((i) => i.file.startsWith('candidate/'))).toEqual([]);
    expect(result.folders[0]!.markdown).not.toContain('candidate/');
  });
});
