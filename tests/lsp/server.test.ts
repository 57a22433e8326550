// The language server over a real JSON-RPC connection: a spawned `iac-review lsp --stdio`.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, uri } from './lsp-client.js';
import { cliDiagnostics, comparable, exampleWorkspace } from './workspace.js';

const REASON_PLACEHOLDER = 'TODO: say why this is acceptable and who approved it';

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

async function start(root: string, initializationOptions: Record<string, unknown> = {}) {
  client = await LspTestClient.start({ root, initializationOptions });
  return client;
}

const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();

/** Applies a code action's edit to a document's text, as an editor would. */
function applyAction(text: string, action: CodeAction, path: string): string {
  const changes = (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
  const edits = changes.filter((c) => c.textDocument.uri === uri(path)).flatMap((c) => c.edits);
  expect(edits.length).toBeGreaterThan(0);
  return TextDocument.applyEdits(TextDocument.create(uri(path), 'terraform', 1, text), edits as never);
}

describe('language server', () => {
  it('initializes with incremental sync, quick fixes and hovers, and exits cleanly', async () => {
    const c = await start(exampleWorkspace());
    expect(c.initializeResult?.capabilities).toMatchObject({
      textDocumentSync: { openClose: true, change: 2 },
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.iacReview'] },
      hoverProvider: true,
    });
    expect(c.initializeResult?.serverInfo?.name).toBe('iac-review');
    expect(await c.stop()).toBe(0);
    client = undefined;
  });

  it('reviews the whole workspace at start-up with progress, and its diagnostics equal `check --format json`', async () => {
    const root = exampleWorkspace();
    mkdirSync(join(root, 'broken'));
    writeFileSync(join(root, 'broken', 'main.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n');
    const c = await start(root);
    await c.waitForProgressEnd();
    const kinds = c.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
    expect(kinds).toContain('report');

    const expected = cliDiagnostics(root);
    expect(expected.size).toBe(8); // the seven files of the example with findings, and the broken one
    const actual = new Map([...c.diagnostics].filter(([, d]) => d.length > 0).map(([u, d]) => [u, comparable(d)]));
    expect(actual).toEqual(expected);
    const all = [...c.diagnostics.values()].flat();
    expect(all.every((d) => d.source === 'iac-review')).toBe(true);
    expect(all.filter((d) => d.code === 'syntax-error')).toHaveLength(1);
  });

  it('diagnoses while typing: incremental edits, debounced, for the whole module, unsaved siblings included', async () => {
    const root = exampleWorkspace();
    const c = await start(root, { debounceMs: 20 });
    await c.waitForProgressEnd();
    const main = join(root, 'main.tf');
    const locals = join(root, 'locals.tf');
    const storage = join(root, 'storage.tf');
    await c.open(main, readFileSync(main, 'utf8'));
    await c.open(locals, readFileSync(locals, 'utf8'));
    await c.waitForDiagnostics(main);
    expect(codes(c.diagnostics.get(uri(storage))!)).toContain('tagging/required-tags');

    // Add the missing CostCenter tag to the locals buffer (unsaved): every resource of the module gets it.
    const version = await c.change(locals, [
      { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: '    CostCenter  = "cc-1234"\n' },
    ]);
    await c.waitForDiagnostics(locals, (p) => p.version === version);
    const published = await c.waitForDiagnostics(main, (p) => !codes(p.diagnostics).includes('tagging/required-tags'), { fresh: false });
    expect(codes(published.diagnostics)).toContain('hardcoded/ami-id');
    const storageAfter = await c.waitForDiagnostics(storage, (p) => !codes(p.diagnostics).includes('tagging/required-tags'), { fresh: false });
    expect(codes(storageAfter.diagnostics)).toContain('lifecycle/prevent-destroy');
    // Nothing was written to disk.
    expect(readFileSync(locals, 'utf8')).not.toContain('CostCenter  =');
  });

  it('a newer edit supersedes an older one: a burst of edits gives one review, of the last version', async () => {
    const root = exampleWorkspace();
    const c = await start(root, { debounceMs: 150 });
    await c.waitForProgressEnd();
    const main = join(root, 'main.tf');
    await c.open(main, readFileSync(main, 'utf8'));
    await c.waitForDiagnostics(main);
    const before = c.published.length;
    let version = 0;
    for (let i = 0; i < 5; i++) {
      version = await c.change(main, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `# edit ${i}\n` }]);
    }
    const published = await c.waitForDiagnostics(main, (p) => p.version === version);
    const forMain = c.published.slice(before).filter((p) => p.uri === uri(main));
    expect(forMain.map((p) => p.version)).toEqual([version]);
    // The module was reviewed once, with every edit: findings moved down five lines.
    expect(published.diagnostics.find((d) => d.code === 'versioning/module-source-pinned')?.range.start.line).toBe(5);
  });

  it('a file larger than the parse cache, edited while open: after each edit, the diagnostics of a fresh check of its text', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-lsp-large-')));
    // Mostly variables (no findings), every fiftieth a bucket and a database with some.
    const block = (i: number) =>
      i % 50
        ? `variable "v${i}" {\n  type        = string\n  description = "Variable ${i}, one of many that make this file large."\n  default     = "value-${i}"\n}\n\n`
        : `resource "aws_s3_bucket" "b${i}" {\n  bucket = "logs-${i}-123456789012"\n  tags = {\n    Name = "b${i}"\n  }\n}\n\n` +
          `resource "aws_db_instance" "d${i}" {\n  engine   = "postgres"\n  password = "hunter2-${i}" # a comment\n}\n\n`;
    let text = '';
    for (let i = 0; text.length < 600 * 1024; i++) text += block(i);
    const main = join(root, 'main.tf');
    writeFileSync(main, text);
    const c = await start(root, { debounceMs: 0 });
    await c.waitForProgressEnd();
    await c.open(main, text);
    await c.waitForDiagnostics(main);
    const doc = TextDocument.create(uri(main), 'terraform', 1, text);
    const at = (offset: number) => doc.positionAt(offset);
    const middle = text.indexOf('resource "aws_db_instance" "d700"');
    const edits = [
      // A tag added inside a block in the middle: blocks after it move down a line.
      { range: { start: at(text.indexOf('    Name = "b650"')), end: at(text.indexOf('    Name = "b650"')) }, text: '    Owner = "team"\n' },
      // A block removed.
      { range: { start: at(middle), end: at(text.indexOf('resource', middle + 10)) }, text: '' },
      // Typing inside a string near the start, then a string left open (a syntax error), then closed again.
      { range: { start: at(text.indexOf('"logs-50-') + 1), end: at(text.indexOf('"logs-50-') + 1) }, text: 'x' },
      { range: { start: at(text.indexOf('engine   = "postgres"', middle)), end: at(text.indexOf('engine   = "postgres"', middle)) }, text: 'name = "open\n' },
    ];
    for (const [i, edit] of edits.entries()) {
      const version = await c.change(main, [edit]);
      TextDocument.update(doc, [edit], version);
      const published = await c.waitForDiagnostics(main, (p) => p.version === version);
      writeFileSync(main, doc.getText());
      expect(comparable(published.diagnostics), `edit ${i}`).toEqual(cliDiagnostics(root).get(uri(main)));
      expect(published.diagnostics.length).toBeGreaterThan(50);
      expect(published.diagnostics.some((d) => d.code === 'syntax-error')).toBe(i === 3);
    }
    // Close the string again: the syntax error goes.
    const broken = doc.getText();
    const open = broken.indexOf('name = "open\n');
    const fix = { range: { start: doc.positionAt(open + 12), end: doc.positionAt(open + 12) }, text: '"' };
    const version = await c.change(main, [fix]);
    TextDocument.update(doc, [fix], version);
    const published = await c.waitForDiagnostics(main, (p) => p.version === version);
    writeFileSync(main, doc.getText());
    expect(comparable(published.diagnostics)).toEqual(cliDiagnostics(root).get(uri(main)));
    expect(published.diagnostics.some((d) => d.code === 'syntax-error')).toBe(false);
    rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it("a large module's review runs in steps: requests are answered during it, and an edit during it supersedes it", async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-lsp-steps-')));
    const block = (i: number) =>
      `resource "aws_s3_bucket" "b${i}" {\n  bucket = "logs-${i}"\n  tags = {\n    Name = "b${i}"\n  }\n}\n\n` +
      `resource "aws_iam_policy" "p${i}" {\n  name = "p${i}"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["s3:GetObject", "s3:*", "ec2:Describe*"]\n      Resource = "*"\n    }]\n  })\n}\n\n` +
      `resource "aws_security_group" "g${i}" {\n  name = "g${i}"\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n\n`;
    let text = '';
    for (let i = 0; text.length < 1024 * 1024; i++) text += block(i);
    const main = join(root, 'main.tf');
    writeFileSync(main, text);
    const c = await start(root, { debounceMs: 0 });
    await c.waitForProgressEnd(1, 60_000);
    await c.open(main, text);
    await c.waitForDiagnostics(main, () => true, { timeoutMs: 60_000 });
    // Each edit: one character typed into the bucket name of block 500 (its position does not move: typing is after it).
    const at = TextDocument.create(uri(main), 'terraform', 1, text).positionAt(text.indexOf('"logs-500"') + 1);
    const typed = (character: string) => ({ range: { start: at, end: at }, text: character });

    // A request sent while the review of an edit runs is answered before that review publishes.
    const first = await c.change(main, [typed('x')]);
    await new Promise((r) => setTimeout(r, 15));
    const answered = c.connection.sendRequest('iacReview/listRules').then(() => performance.now());
    const published = await c.waitForDiagnostics(main, (p) => p.version === first, { timeoutMs: 60_000 });
    const publishedAt = c.published.filter((p) => p.uri === uri(main) && p.version === first).at(-1)!.at;
    expect(await answered).toBeLessThan(publishedAt);
    expect(published.diagnostics.length).toBeGreaterThan(100);

    // An edit sent while the review of the one before runs: only the newer version is published.
    const before = c.published.length;
    const second = await c.change(main, [typed('y')]);
    await new Promise((r) => setTimeout(r, 15));
    const third = await c.change(main, [typed('z')]);
    await c.waitForDiagnostics(main, (p) => p.version === third, { timeoutMs: 60_000 });
    const versions = c.published.slice(before).filter((p) => p.uri === uri(main)).map((p) => p.version);
    expect(versions).toEqual([third]);
    expect(second).toBeLessThan(third);
    expect(codes(published.diagnostics)).toContain('network/open-ingress');

    // The configuration changes while an edit's review runs: that review read the old one, so the module is
    // reviewed again under the new one (the scan does not pass it by as a review already under way).
    const config = join(root, '.iac-review.json');
    await c.change(main, [typed('w')]);
    await new Promise((r) => setTimeout(r, 15));
    writeFileSync(config, '{\n  "rules": { "network/open-ingress": "off" }\n}\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(config), type: 2 }] });
    await c.waitForProgressEnd(2, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(codes(c.diagnostics.get(uri(main))!)).not.toContain('network/open-ingress');
    expect(c.diagnostics.get(uri(main))!.length).toBeGreaterThan(100);
    rmSync(root, { recursive: true, force: true });
  }, 180_000);

  it('with run = onSave, typing changes nothing until the file is saved', async () => {
    const root = exampleWorkspace();
    const c = await start(root, { run: 'onSave', debounceMs: 0 });
    await c.waitForProgressEnd();
    const main = join(root, 'main.tf');
    await c.open(main, readFileSync(main, 'utf8'));
    await c.waitForDiagnostics(main);
    const forMain = () => c.published.filter((p) => p.uri === uri(main)).length;
    const before = forMain();
    await c.change(main, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# typed\n' }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(forMain()).toBe(before);
    await c.save(main);
    const saved = await c.waitForDiagnostics(main);
    expect(saved.diagnostics.find((d) => d.code === 'versioning/module-source-pinned')?.range.start.line).toBe(1);
  });

  it('quick fixes: applying the engine fix removes the finding; every finding can be suppressed with a reason', async () => {
    const root = exampleWorkspace();
    const c = await start(root, { debounceMs: 0 });
    await c.waitForProgressEnd();
    const storage = join(root, 'storage.tf');
    let text = readFileSync(storage, 'utf8');
    await c.open(storage, text);
    const { diagnostics } = await c.waitForDiagnostics(storage);
    const protection = diagnostics.find((d) => d.code === 'resilience/deletion-protection')!;
    const actions = (await c.codeActions(storage, protection.range, [protection]))!;
    const fix = actions.find((a) => a.title.includes('deletion_protection'))!;
    expect(fix).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect((fix.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version).toBe(1);

    text = applyAction(text, fix, storage);
    expect(text).toContain('deletion_protection = true');
    const version = await c.change(storage, [{ text }]);
    const after = await c.waitForDiagnostics(storage, (p) => p.version === version);
    expect(codes(after.diagnostics)).not.toContain('resilience/deletion-protection');
    expect(codes(after.diagnostics)).toContain('lifecycle/prevent-destroy');

    // Every rule on the line can be suppressed; the placeholder reason keeps the finding visible.
    const onLine = after.diagnostics.filter((d) => d.range.start.line === protection.range.start.line);
    const actionsAfter = (await c.codeActions(storage, protection.range, onLine))!;
    for (const d of onLine) expect(actionsAfter.map((a) => a.title)).toContain(`Suppress ${d.code} with reason…`);
    const suppress = actionsAfter.find((a) => a.title === 'Suppress lifecycle/prevent-destroy with reason…')!;
    const suppressed = applyAction(text, suppress, storage);
    expect(suppressed).toContain(`# iac-review:ignore lifecycle/prevent-destroy -- ${REASON_PLACEHOLDER}`);
    const withReason = suppressed.replace(REASON_PLACEHOLDER, 'orders data is restored from the warehouse (OPS-12)');
    const v2 = await c.change(storage, [{ text: withReason }]);
    const final = await c.waitForDiagnostics(storage, (p) => p.version === v2);
    expect(final.diagnostics.filter((d) => d.code === 'lifecycle/prevent-destroy' && d.range.start.line === protection.range.start.line + 1)).toEqual([]);
  });

  it('hover on a resource shows its effective tags and where they come from', async () => {
    const root = exampleWorkspace();
    const c = await start(root);
    await c.waitForProgressEnd();
    const storage = join(root, 'storage.tf');
    await c.open(storage, readFileSync(storage, 'utf8'));
    const hover = await c.hover(storage, 1, 4);
    const value = (hover?.contents as { kind: string; value: string }).value;
    expect((hover?.contents as { kind: string }).kind).toBe('markdown');
    expect(value).toContain('aws_s3_bucket.invoices');
    expect(value).toMatch(/`Owner` \| `team-orders`.*local\.common_tags/);
    expect(await c.hover(storage, 30, 0)).toBeNull(); // a blank line between blocks
  });

  it('a syntax error is shown on its file; the rest of the module is still reviewed', async () => {
    const root = exampleWorkspace();
    const c = await start(root, { debounceMs: 0 });
    await c.waitForProgressEnd();
    const main = join(root, 'main.tf');
    await c.open(main, readFileSync(main, 'utf8'));
    await c.waitForDiagnostics(main);
    const v = await c.change(main, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  source = = "x"\n' }]);
    const broken = await c.waitForDiagnostics(main, (p) => p.version === v);
    expect(broken.diagnostics.find((d) => d.code === 'syntax-error')).toMatchObject({ severity: 1, source: 'iac-review', range: { start: { line: 1 } } });
    const storage = await c.waitForDiagnostics(join(root, 'storage.tf'), () => true, { fresh: false });
    expect(codes(storage.diagnostics)).toContain('network/public-database');
  });

  it('a binary buffer gets a clear error, not a crash', async () => {
    const root = exampleWorkspace();
    const c = await start(root, { debounceMs: 0 });
    await c.waitForProgressEnd();
    const odd = join(root, 'odd.tf');
    writeFileSync(odd, '');
    await c.open(odd, 'abc\u0000def');
    const p = await c.waitForDiagnostics(odd, (x) => x.diagnostics.length > 0);
    expect(p.diagnostics).toMatchObject([{ code: 'unreadable-file', message: expect.stringContaining('binary file') }]);
    expect(await c.hover(odd, 0, 0)).toBeNull();
  });

  it('a broken config is shown on the config file; fixing it re-applies it to every module', async () => {
    const root = exampleWorkspace();
    const config = join(root, '.iac-review.json');
    writeFileSync(config, '{\n  "rules": { "no/such-rule": "off" }\n}\n');
    const c = await start(root);
    await c.waitForProgressEnd();
    const errors = await c.waitForDiagnostics(config, (p) => p.diagnostics.length > 0, { fresh: false });
    expect(errors.diagnostics[0]).toMatchObject({ code: 'config-error', severity: 1, range: { start: { line: 1 } } });
    expect(codes(c.diagnostics.get(uri(join(root, 'storage.tf')))!)).toContain('naming/identifier-format');

    writeFileSync(config, '{\n  "rules": { "naming/identifier-format": "off" }\n}\n');
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(config), type: 2 }] });
    await c.waitForProgressEnd(2);
    expect(c.diagnostics.get(uri(config))).toEqual([]);
    expect(codes(c.diagnostics.get(uri(join(root, 'storage.tf')))!)).not.toContain('naming/identifier-format');
    expect(codes(c.diagnostics.get(uri(join(root, 'variables.tf')))!)).not.toContain('naming/identifier-format');
  });

  it('a file deleted on disk loses its diagnostics; the module is reviewed without it', async () => {
    const root = exampleWorkspace();
    const c = await start(root);
    await c.waitForProgressEnd();
    const storage = join(root, 'storage.tf');
    expect(c.diagnostics.get(uri(storage))!.length).toBeGreaterThan(0);
    rmSync(storage);
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(storage), type: 3 }] });
    await c.waitForDiagnostics(storage, (p) => p.diagnostics.length === 0, { fresh: false });
  });

  it('iacReview/listRules and iacReview/ruleDocumentation serve the rule reference', async () => {
    const c = await start(exampleWorkspace());
    const rules: Array<{ id: string }> = await c.connection.sendRequest('iacReview/listRules');
    expect(rules.length).toBeGreaterThanOrEqual(31);
    expect(rules.map((r) => r.id)).toContain('iam/wildcard-action');
    const doc: { markdown: string } = await c.connection.sendRequest('iacReview/ruleDocumentation', { ruleId: 'iam/wildcard-action' });
    expect(doc.markdown).toMatch(/^# iam\/wildcard-action\n/);
    expect(doc.markdown).toContain('**Why.**');
    expect(await c.connection.sendRequest('iacReview/ruleDocumentation', { ruleId: 'no/such' })).toBeNull();
  });

  it('offers "Show documentation" only to a client that implements the command', async () => {
    const root = exampleWorkspace();
    const storage = join(root, 'storage.tf');
    for (const clientCommands of [[], ['iacReview.showRuleDocumentation']]) {
      const c = await start(root, { clientCommands, debounceMs: 0 });
      await c.open(storage, readFileSync(storage, 'utf8'));
      const { diagnostics } = await c.waitForDiagnostics(storage, (p) => p.diagnostics.length > 0);
      const db = diagnostics.find((d) => d.code === 'network/public-database')!;
      const titles = (await c.codeActions(storage, db.range, [db]))!.map((a) => a.title);
      expect(titles.includes('Show documentation for network/public-database')).toBe(clientCommands.length > 0);
      c.kill();
    }
  });
});
