import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient, uri } from './lsp-client.js';
import { cliDiagnostics, comparable } from './workspace.js';

// The start-up scan at scale (issue 17): it yields to requests while it runs, a newer scan stops it,
// every module is reviewed once in its final role, and what it shows is what `check` reports.

/**
 * `repos` repositories side by side, each as published modules are laid out: a root module (no backend)
 * calling its submodule, and an example calling the root module through `../..` — the example's call is
 * what makes the root module reusable, so its role is known only once the example has been read.
 */
function repositories(repos: number): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-scan-')));
  for (let r = 0; r < repos; r++) {
    const repo = join(root, `repo-${String(r).padStart(2, '0')}`);
    mkdirSync(join(repo, 'modules', 'queue'), { recursive: true });
    mkdirSync(join(repo, 'examples', 'complete'), { recursive: true });
    const buckets = Array.from({ length: 12 }, (_, i) =>
      [
        `resource "aws_s3_bucket" "b${i}" {`,
        `  bucket = "\${var.name}-${i}"`,
        `  tags   = { Name = var.name }`,
        '}',
        '',
        `resource "aws_security_group_rule" "open${i}" {`,
        '  type        = "ingress"',
        '  from_port   = 22',
        '  to_port     = 22',
        '  protocol    = "tcp"',
        '  cidr_blocks = var.cidrs',
        `  security_group_id = "sg-${i}"`,
        '}',
        '',
      ].join('\n'),
    ).join('\n');
    writeFileSync(
      join(repo, 'main.tf'),
      `variable "name" {\n  type = string\n}\n\nvariable "cidrs" {\n  type    = list(string)\n  default = ["10.0.0.0/8"]\n}\n\n${buckets}\nmodule "queue" {\n  source = "./modules/queue"\n  name   = var.name\n}\n`,
    );
    writeFileSync(
      join(repo, 'modules', 'queue', 'main.tf'),
      'variable "name" {\n  type = string\n}\n\nresource "aws_sqs_queue" "q" {\n  name = var.name\n}\n',
    );
    writeFileSync(
      join(repo, 'examples', 'complete', 'main.tf'),
      `module "stack" {\n  source = "../.."\n  name   = "example-${r}"\n  cidrs  = ["0.0.0.0/0"]\n}\n`,
    );
  }
  return root;
}

const CAPABILITIES = {
  workspace: { configuration: false, didChangeWatchedFiles: { dynamicRegistration: false } },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

let client: LspTestClient | undefined;
afterEach(async () => {
  await client?.stop().catch(() => client?.kill());
  client = undefined;
});

/** Resolves at the first `report` of the scan's progress (some modules reviewed, more to come). */
function firstReport(c: LspTestClient): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (c.progress.some((p) => (p as { value?: { kind?: string } }).value?.kind === 'report') ? resolve() : setTimeout(poll, 1));
    poll();
  });
}

const shown = (c: LspTestClient) => new Map([...c.diagnostics].filter(([, d]) => d.length > 0).map(([u, d]) => [u, comparable(d)]));

// On the server's thread (the workspace is below the worker threshold), and on worker threads (the threshold
// lowered, two threads): the same diagnostics, the same log.
const MODES = [
  { name: 'on the server’s thread', env: { ...process.env, IAC_REVIEW_PARALLEL_MIN_FILES: '1000000' }, workers: undefined },
  { name: 'on worker threads', env: { ...process.env, IAC_REVIEW_PARALLEL_MIN_FILES: '1', IAC_REVIEW_THREADS: '2' }, workers: 'scan: 90 modules on 2 worker threads' },
];

describe.each(MODES)('the start-up scan of a large workspace, $name', ({ env, workers }) => {
  it('answers requests while it runs, reviews each module once in its final role, and shows what `check` reports', async () => {
    const root = repositories(30);
    const c = (client = await LspTestClient.start({ root, capabilities: CAPABILITIES, env }));
    await firstReport(c);
    let answeredDuringScan = false;
    const answered = c.connection.sendRequest('iacReview/listRules').then((rules) => {
      answeredDuringScan = !c.progress.some((p) => (p as { value?: { kind?: string } }).value?.kind === 'end');
      return rules;
    });
    await c.waitForProgressEnd(1, 60_000);
    expect(await answered).toBeInstanceOf(Array);
    expect(answeredDuringScan).toBe(true);

    // Let any review the scan scheduled run, then compare.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(c.log.find((line) => line.startsWith('scan: '))).toBe(workers);
    const reviews = c.log.filter((line) => line.startsWith('review ('));
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatch(/^review \(start-up\) \.: 90 modules \(60 modules, 30 examples\)/);
    const expected = cliDiagnostics(root);
    expect(expected.size).toBeGreaterThan(30);
    expect(shown(c)).toEqual(expected);
  }, 90_000);

  it('stops when a newer scan replaces it (the configuration changed), and ends with the new configuration’s diagnostics', async () => {
    const root = repositories(30);
    const c = (client = await LspTestClient.start({ root, capabilities: CAPABILITIES, env }));
    await firstReport(c);
    const config = join(root, '.iac-review.json');
    writeFileSync(config, JSON.stringify({ rules: { 'network/open-ingress': 'off' } }));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(config), type: 1 }] });
    await c.waitForProgressEnd(2, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const scans = c.log.filter((line) => /^review \((start-up|configuration)\) \./.test(line));
    expect(scans).toHaveLength(2);
    expect(scans.find((line) => line.startsWith('review (start-up)'))).toMatch(/\(stopped: superseded or cancelled\)$/);
    expect(scans.find((line) => line.startsWith('review (configuration)'))).not.toMatch(/stopped/);
    const expected = cliDiagnostics(root);
    expect([...expected.values()].flat().some((d) => d.code === 'network/open-ingress')).toBe(false);
    expect(shown(c)).toEqual(expected);
  }, 90_000);
});
