// The change checks in the editor (SPEC §7), over a real JSON-RPC connection, on a real git repository: with a trusted
// workspace the server compares with the branch's base and publishes the diff-only rules; untrusted, it runs no git.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, uri } from './lsp-client.js';
import { GitAudit, TestRepo } from '../support/git-repo.js';
import { VERSIONS } from '../support/tagged-terraform.js';

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

const database = (name: string, encrypted: boolean) => `resource "aws_db_instance" "${name}" {
  identifier        = "${name.toLowerCase()}"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  storage_encrypted = ${encrypted}
  tags              = { Owner = "a", Environment = "b", CostCenter = "c" }
}
`;

/** main: two databases; the branch renames one without `moved` and encrypts the other (a forced replacement). */
function changedRepo(): TestRepo {
  const repo = new TestRepo();
  repo.write({ 'versions.tf': VERSIONS, 'orders.tf': database('Orders', true), 'billing.tf': database('billing', false) }).commit('base');
  repo.branch('change');
  repo.write({ 'orders.tf': database('orders', true), 'billing.tf': database('billing', true) });
  return repo;
}

const codes = (d: readonly Diagnostic[] | undefined) => (d ?? []).map((x) => String(x.code));

describe('change checks in the editor', () => {
  it('trusted: publishes refactor/missing-moved-block with the moved quick fix, and refactor/forced-replacement on the argument', async () => {
    const repo = changedRepo();
    const audit = new GitAudit();
    client = await LspTestClient.start({ root: repo.root, initializationOptions: { trusted: true, debounceMs: 20 }, env: audit.env() });
    await client.waitForProgressEnd();
    // The audit sees the server's git (so its silence in the untrusted tests means something), and only plumbing runs.
    const commands = new Set(audit.calls().map((c) => c.args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? ''));
    expect(commands.size).toBeGreaterThan(0);
    for (const command of commands) expect(['rev-parse', 'merge-base', 'ls-tree', 'cat-file', 'config']).toContain(command);
    const orders = join(repo.root, 'orders.tf');
    const billing = join(repo.root, 'billing.tf');
    expect(codes(client.diagnostics.get(uri(orders)))).toContain('refactor/missing-moved-block');
    const replacement = (client.diagnostics.get(uri(billing)) ?? []).find((d) => d.code === 'refactor/forced-replacement');
    expect(replacement?.range.start.line).toBe(4); // the storage_encrypted argument

    const moved = client.diagnostics.get(uri(orders))!.find((d) => d.code === 'refactor/missing-moved-block')!;
    await client.open(orders, readFileSync(orders, 'utf8'));
    const actions = ((await client.codeActions(orders, moved.range, [moved])) ?? []) as CodeAction[];
    const fix = actions.find((a) => /moved/i.test(a.title) && !/suppress/i.test(a.title));
    expect(fix, actions.map((a) => a.title).join(' | ')).toBeDefined();
    const inserted = ((fix!.edit?.documentChanges ?? []) as TextDocumentEdit[]).flatMap((c) => c.edits.map((e) => ('newText' in e ? e.newText : ''))).join('');
    expect(inserted).toMatch(/moved\s*\{[\s\S]*from\s*=\s*aws_db_instance\.Orders[\s\S]*to\s*=\s*aws_db_instance\.orders/);
  });

  it('untrusted: no change checks, and git never runs', async () => {
    const repo = changedRepo();
    const audit = new GitAudit();
    client = await LspTestClient.start({ root: repo.root, initializationOptions: { trusted: false, debounceMs: 20 }, env: audit.env() });
    await client.waitForProgressEnd();
    const all = [...client.diagnostics.values()].flat();
    expect(all.length).toBeGreaterThan(0); // the rest of the review ran
    expect(all.filter((d) => String(d.code).startsWith('refactor/'))).toEqual([]);
    expect(audit.calls()).toEqual([]);
  });

  it('a repository setting cannot grant trust: iacReview.trusted from the workspace configuration is ignored', async () => {
    const repo = changedRepo();
    const audit = new GitAudit();
    client = await LspTestClient.start({ root: repo.root, initializationOptions: { debounceMs: 20 }, settings: { trusted: true }, env: audit.env() });
    await client.waitForProgressEnd();
    expect([...client.diagnostics.values()].flat().filter((d) => String(d.code).startsWith('refactor/'))).toEqual([]);
    expect(audit.calls()).toEqual([]);
  });

  it('a quick fix that would replace an existing database says so and is not preferred; on a new database it is the preferred fix', async () => {
    const repo = new TestRepo();
    repo.write({ 'versions.tf': VERSIONS, 'billing.tf': database('billing', false) }).commit('base');
    repo.branch('change');
    repo.write({ 'reports.tf': database('reports', false) });
    client = await LspTestClient.start({ root: repo.root, initializationOptions: { trusted: true, debounceMs: 20 } });
    await client.waitForProgressEnd();
    const fixOf = async (file: string) => {
      const path = join(repo.root, file);
      const d = (client!.diagnostics.get(uri(path)) ?? []).find((x) => x.code === 'encryption/at-rest')!;
      expect(d, file).toBeDefined();
      await client!.open(path, readFileSync(path, 'utf8'));
      const actions = ((await client!.codeActions(path, d.range, [d])) ?? []) as CodeAction[];
      return actions.find((a) => /storage_encrypted/.test(a.title))!;
    };
    const existing = await fixOf('billing.tf');
    expect(existing.title).toMatch(/replaces the existing aws_db_instance\.billing/);
    expect(existing.isPreferred).toBe(false);
    const created = await fixOf('reports.tf');
    expect(created.title).not.toMatch(/replaces/);
    expect(created.isPreferred).toBe(true);
  });
});
