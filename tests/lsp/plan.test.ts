// The plan over the protocol (SPEC §9, §10): the iacReview.plan setting, "Review with Plan…" / "Clear Plan" (iacReview/setPlan),
// the checklist's plan items, a plan that cannot be used as one clear message, and a plan file that changes.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient } from './lsp-client.js';
import { fileTree } from '../support/file-tree.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test-fixtures');

interface Item {
  id: string;
  kind: string;
  label: string;
  text: string;
  file: string;
  line: number;
}
interface Result {
  folders: Array<{ folder: string; checklist: { plan?: { file: string; counts: Record<string, number>; notes: string[] }; sections: Array<{ category: string; title: string; items: Item[] }> }; markdown: string }>;
}

const CODE = {
  '.iac-review.json': JSON.stringify({ extends: 'none', rules: {} }),
  'main.tf': 'resource "aws_db_instance" "orders" {\n  engine = "postgres"\n}\n\nresource "aws_instance" "web" {\n  ami = "ami-2"\n}\n',
};

/** A resource_changes[] entry as `terraform show -json` writes it (format 1.2). */
function change(type: string, name: string, actions: string[], before: unknown, after: unknown, extra: Record<string, unknown> = {}) {
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions, before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {}, ...extra },
  };
}

function planJson(changes: unknown[]): string {
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: {} },
    resource_changes: changes,
    configuration: {
      root_module: {
        resources: [
          { address: 'aws_db_instance.orders', mode: 'managed', type: 'aws_db_instance', name: 'orders' },
          { address: 'aws_instance.web', mode: 'managed', type: 'aws_instance', name: 'web' },
        ],
      },
    },
  });
}

const REPLACE_DB = planJson([
  change('aws_db_instance', 'orders', ['delete', 'create'], { engine: 'postgres', identifier: 'a' }, { engine: 'postgres', identifier: 'b' }, { replace_paths: [['identifier']] }),
  change('aws_instance', 'web', ['update'], { ami: 'ami-1' }, { ami: 'ami-2' }),
]);
const CREATE_WEB = planJson([change('aws_instance', 'web', ['create'], null, { ami: 'ami-2' })]);

let client: LspTestClient | undefined;
const trees: string[] = [];
afterEach(() => {
  client?.kill();
  client = undefined;
  for (const t of trees.splice(0)) rmSync(t, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = fileTree(files);
  trees.push(root);
  return root;
}

const checklistOf = async (c: LspTestClient) => ((await c.connection.sendRequest('iacReview/checklist', {})) as Result).folders[0]!;

describe('plan in the editor', () => {
  it('the iacReview.plan setting (workspace-relative) gives the checklist its plan counts and a plan section', async () => {
    const root = tree({ ...CODE, 'plans/plan.json': REPLACE_DB });
    client = await LspTestClient.start({ root, initializationOptions: { plan: 'plans/plan.json' } });
    const folder = await checklistOf(client);
    expect(folder.checklist.plan).toEqual({ file: 'plans/plan.json', counts: { create: 0, update: 1, replace: 1, delete: 0 }, notes: [] });
    const plan = folder.checklist.sections[0]!;
    expect(plan).toMatchObject({ category: 'plan', title: 'What the plan destroys or replaces' });
    expect(plan.items.map((i) => i.label)).toEqual(['aws_db_instance.orders — data replaced']);
    expect(folder.markdown).toContain('**Plan** `plans/plan.json`: 0 to create, 1 to update, 1 to replace, 0 to delete.');
  });

  it('refuses a setting that points outside the workspace folder, links followed: the checklist fails with one clear message', async () => {
    const outside = tree({ 'plan.json': REPLACE_DB });
    const root = tree(CODE);
    symlinkSync(join(outside, 'plan.json'), join(root, 'linked.json'));
    for (const setting of [join(outside, 'plan.json'), '../' + outside.split('/').pop() + '/plan.json', 'linked.json']) {
      client = await LspTestClient.start({ root, initializationOptions: { plan: setting } });
      await expect(client.connection.sendRequest('iacReview/checklist', {})).rejects.toThrow(/the plan cannot be used: .* is outside the workspace folder/);
      await expect(client.connection.sendRequest('iacReview/checklist', {})).rejects.toThrow(/outside the workspace folder/);
      const shown = client.shownMessages.filter((m) => m.message.includes('outside the workspace folder'));
      expect(shown).toHaveLength(1);
      expect(shown[0]!.type).toBe(1);
      client.kill();
    }
  });

  it('"Review with Plan…" takes a picked file anywhere; "Clear Plan" reviews without one', async () => {
    const elsewhere = tree({ 'tfplan.json': REPLACE_DB });
    const root = tree(CODE);
    client = await LspTestClient.start({ root });
    const changed = new Promise<void>((resolve) => client!.connection.onNotification('iacReview/planChanged', () => resolve()));
    const answer = await client.connection.sendRequest('iacReview/setPlan', { folder: pathToFileURL(root).href, path: join(elsewhere, 'tfplan.json') });
    expect(answer).toEqual({ plans: [{ folder: pathToFileURL(root).href, file: join(elsewhere, 'tfplan.json'), counts: { create: 0, update: 1, replace: 1, delete: 0 }, notes: [] }] });
    await changed;
    expect((await checklistOf(client)).checklist.plan?.counts.replace).toBe(1);

    expect(await client.connection.sendRequest('iacReview/setPlan', { path: null })).toEqual({ plans: [] });
    const cleared = await checklistOf(client);
    expect(cleared.checklist.plan).toBeUndefined();
    expect(cleared.checklist.sections.map((s) => s.category)).not.toContain('plan');
  });

  it('a picked file that is not a plan is refused with its message, shown once (by the command, not again by the server)', async () => {
    const root = tree({ ...CODE, 'notes.json': '{"hello": "world"}' });
    client = await LspTestClient.start({ root });
    await expect(client.connection.sendRequest('iacReview/setPlan', { path: join(root, 'notes.json') })).rejects.toThrow(/^the plan cannot be used: .*notes\.json: /);
    await expect(client.connection.sendRequest('iacReview/checklist', {})).rejects.toThrow(/the plan cannot be used/);
    expect(client.shownMessages.filter((m) => m.message.includes('notes.json'))).toEqual([]);
  });

  it('reads the plan again when its file changes (a new terraform show -json), and tells the client', async () => {
    const root = tree({ ...CODE, 'plan.json': REPLACE_DB });
    client = await LspTestClient.start({ root, initializationOptions: { plan: 'plan.json' } });
    expect((await checklistOf(client)).checklist.plan?.counts).toEqual({ create: 0, update: 1, replace: 1, delete: 0 });

    const changed = new Promise<void>((resolve) => client!.connection.onNotification('iacReview/planChanged', () => resolve()));
    writeFileSync(join(root, 'plan.json'), CREATE_WEB);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, 'plan.json')).href, type: 2 }] });
    await changed;
    const folder = await checklistOf(client);
    expect(folder.checklist.plan?.counts).toEqual({ create: 1, update: 0, replace: 0, delete: 0 });
    expect(folder.checklist.sections.map((s) => s.category)).not.toContain('plan');
  });

  it('the setting changing to a plan of another file takes effect (workspace/didChangeConfiguration)', async () => {
    const root = tree({ ...CODE, 'a.json': REPLACE_DB, 'b.json': CREATE_WEB });
    let settings: Record<string, unknown> = { plan: 'a.json' };
    client = await LspTestClient.start({ root, settings: { get plan() { return settings.plan; } } as Record<string, unknown>, capabilities: { workspace: { configuration: true } } });
    await expect.poll(async () => (await checklistOf(client!)).checklist.plan?.file).toBe('a.json');
    settings = { plan: 'b.json' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await expect.poll(async () => (await checklistOf(client!)).checklist.plan?.file).toBe('b.json');
  });

  it('diagnostics too: the module the plan is a plan of is reviewed with its values, and not once the plan is cleared', async () => {
    const root = mkdtempSync(join(tmpdir(), 'iac-lsp-plan-diag-'));
    trees.push(root);
    cpSync(join(FIXTURES, 'example'), join(root, 'orders'), { recursive: true });
    cpSync(join(FIXTURES, 'plan-cases', 'variable-known-in-plan'), join(root, 'other'), { recursive: true });
    rmSync(join(root, 'other', 'plan.json'));
    client = await LspTestClient.start({ root, initializationOptions: { plan: 'orders/plan.json' } });
    const main = join(root, 'orders', 'main.tf');
    await client.open(main, readFileSync(main, 'utf8'));
    const decided = (p: { diagnostics: Array<{ message: unknown }> }) => p.diagnostics.some((d) => /the plan's encrypted = false/.test(String(d.message)));
    await client.waitForDiagnostics(main, decided, { timeoutMs: 20_000, fresh: false });
    expect(await client.connection.sendRequest('iacReview/setPlan', { path: null })).toEqual({ plans: [] });
    await client.waitForDiagnostics(main, (p) => !decided(p) && p.diagnostics.length > 0, { timeoutMs: 20_000 });
  });

  it('a plan of other code: one clear message for the diagnostics too, and the review goes on without it', async () => {
    const root = tree({ 'main.tf': 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n', 'plan.json': REPLACE_DB });
    client = await LspTestClient.start({ root, initializationOptions: { plan: 'plan.json' } });
    const main = join(root, 'main.tf');
    await client.open(main, readFileSync(main, 'utf8'));
    await client.waitForDiagnostics(main, (p) => p.diagnostics.length > 0, { timeoutMs: 20_000, fresh: false });
    await client.change(main, [{ text: readFileSync(main, 'utf8') + '\n' }]);
    await client.waitForDiagnostics(main, (p) => p.diagnostics.length > 0, { timeoutMs: 20_000 });
    expect(client.shownMessages.filter((m) => /not a plan of the reviewed code/.test(m.message))).toHaveLength(1);
  });
});
