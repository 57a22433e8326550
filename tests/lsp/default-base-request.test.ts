// iacReview/defaultBase over the protocol: the base "Review Changes Against Branch…" offers (SPEC §7).
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient } from './lsp-client.js';
import { TestRepo } from '../support/git-repo.js';

let client: LspTestClient | undefined;
const repos: TestRepo[] = [];
afterEach(() => {
  client?.kill();
  for (const r of repos.splice(0)) rmSync(r.root, { recursive: true, force: true });
});

function repoOn(branch: string): TestRepo {
  const repo = new TestRepo();
  repos.push(repo);
  repo.git('symbolic-ref', 'HEAD', `refs/heads/${branch}`);
  repo.write({ 'main.tf': 'locals {}\n' }).commit('first');
  return repo.branch('feature');
}

describe('iacReview/defaultBase', () => {
  it('answers a local master in a repository without a remote, and the checklist request accepts it', async () => {
    const repo = repoOn('master');
    client = await LspTestClient.start({ root: repo.root });
    const found: { base: string; source: string } = await client.connection.sendRequest('iacReview/defaultBase');
    expect(found).toEqual({ base: 'master', source: 'local branch' });
    const change: { folders: Array<{ checklist: { base: string | null } }> } = await client.connection.sendRequest('iacReview/checklist', { base: found.base });
    expect(change.folders[0]!.checklist.base).toBe('master');
  });

  it('fails with a message saying what it looked for when there is no upstream, origin/HEAD, main or master', async () => {
    const repo = repoOn('trunk');
    client = await LspTestClient.start({ root: repo.root });
    await expect(client.connection.sendRequest('iacReview/defaultBase')).rejects.toThrow(
      /no base to compare the change with .*no upstream, there is no origin\/HEAD, and no local main or master branch/,
    );
  });
});
