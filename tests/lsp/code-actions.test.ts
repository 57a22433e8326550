// Code actions over a real JSON-RPC connection: ordered, bounded to the diagnostics under the cursor, "Fix all", rule links.
import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { LspTestClient, uri } from './lsp-client.js';

const TWO_DATABASES = [
  'resource "aws_db_instance" "a" {',
  '  identifier     = "orders-a"',
  '  engine         = "postgres"',
  '  instance_class = "db.t3.micro"',
  '}',
  '',
  'resource "aws_db_instance" "b" {',
  '  identifier     = "orders-b"',
  '  engine         = "postgres"',
  '  instance_class = "db.t3.micro"',
  '}',
  '',
].join('\n');

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

async function openDatabases(clientCommands: string[] = ['iacReview.showRuleDocumentation']) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-actions-')));
  const main = join(root, 'main.tf');
  writeFileSync(main, TWO_DATABASES);
  client = await LspTestClient.start({ root, initializationOptions: { clientCommands, debounceMs: 0 } });
  await client.open(main, TWO_DATABASES);
  const { diagnostics } = await client.waitForDiagnostics(main, (p) => p.diagnostics.length > 0, { fresh: false });
  return { c: client, main, diagnostics };
}

function applyAction(text: string, action: CodeAction, path: string): string {
  const edits = ((action.edit?.documentChanges ?? []) as TextDocumentEdit[]).filter((c) => c.textDocument.uri === uri(path)).flatMap((c) => c.edits);
  expect(edits.length).toBeGreaterThan(0);
  return TextDocument.applyEdits(TextDocument.create(uri(path), 'terraform', 1, text), edits as never);
}

const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });
const onLine = (diagnostics: Diagnostic[], line: number) => diagnostics.filter((d) => d.range.start.line === line);

describe('code actions', () => {
  it('fixes first (preferred first), then "Fix all <rule>", then one Suppress per diagnostic and one Show documentation per rule', async () => {
    const { c, main, diagnostics } = await openDatabases();
    const under = onLine(diagnostics, 0);
    const rules = [...new Set(under.map((d) => String(d.code)))];
    expect(rules.length).toBeGreaterThanOrEqual(3);
    const actions = (await c.codeActions(main, at(0, 10), under))!;
    const titles = actions.map((a) => a.title);
    const kindOf = (a: CodeAction) =>
      a.title.startsWith('Fix all ') ? 'fix-all' : a.title.startsWith('Suppress ') ? 'suppress' : a.command ? 'docs' : 'fix';
    const kinds = actions.map(kindOf);
    // Each group in one block, in this order.
    const order = ['fix', 'fix-all', 'suppress', 'docs'];
    expect([...kinds].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(kinds);
    expect(kinds.filter((k) => k === 'fix').length).toBeGreaterThanOrEqual(2);
    expect(actions[0]).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(titles.filter((t) => t.startsWith('Suppress '))).toHaveLength(rules.length);
    expect(titles.filter((t) => t.startsWith('Show documentation for '))).toEqual(rules.map((r) => `Show documentation for ${r}`));
    expect(titles).toContain('Fix all resilience/deletion-protection in this file');
    // A rule with one finding in the file has no "Fix all": its own fix is the same edit.
    expect(titles.some((t) => t.startsWith('Fix all versioning/'))).toBe(false);
  });

  it('a line without a diagnostic under the cursor gets no actions from the block header', async () => {
    const { c, main } = await openDatabases();
    expect(await c.codeActions(main, at(2, 4))).toEqual([]);
  });

  it('diagnostics the client names in the context count as under the cursor (Neovim names the line\'s)', async () => {
    const { c, main, diagnostics } = await openDatabases();
    const named = diagnostics.find((d) => d.code === 'resilience/deletion-protection' && d.range.start.line === 6)!;
    // The cursor inside the block touches nothing; the named diagnostic gets its actions, the others of the header none.
    const titles = (await c.codeActions(main, at(8, 2), [{ ...named, range: { start: named.range.start, end: named.range.end } }]))!.map((a) => a.title);
    expect(titles.filter((t) => t.startsWith('Suppress '))).toEqual(['Suppress resilience/deletion-protection with reason…']);
    expect(titles).toContain('Set deletion_protection = true');
  });

  it('"Fix all <rule> in this file" fixes every finding of the rule in one edit; the file stays parseable and is re-diagnosed', async () => {
    const { c, main, diagnostics } = await openDatabases();
    expect(diagnostics.filter((d) => d.code === 'resilience/deletion-protection')).toHaveLength(2);
    const actions = (await c.codeActions(main, at(6, 3)))!;
    const fixAll = actions.find((a) => a.title === 'Fix all resilience/deletion-protection in this file')!;
    expect(fixAll.kind).toBe('quickfix');
    expect(fixAll.diagnostics).toHaveLength(2);
    const fixed = applyAction(TWO_DATABASES, fixAll, main);
    expect(fixed.match(/deletion_protection\s*=\s*true/g)).toHaveLength(2);
    expect(parseSource(main, fixed).errors).toEqual([]);
    const version = await c.change(main, [{ text: fixed }]);
    const after = await c.waitForDiagnostics(main, (p) => p.version === version);
    expect(after.diagnostics.filter((d) => d.code === 'resilience/deletion-protection')).toEqual([]);
    expect(after.diagnostics.some((d) => d.code === 'lifecycle/prevent-destroy')).toBe(true);
  });

  it('a source.fixAll request gets one action combining the fixes of the file; fixes rewriting the same lines are left for later', async () => {
    const { c, main } = await openDatabases();
    const actions: CodeAction[] = await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(main) },
      range: at(0, 0),
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    // Quick fixes are not what was asked for.
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.iacReview']);
    // Setting an argument re-aligns the block's attributes (terraform fmt): the second such fix in a block overlaps the first and waits.
    expect(actions[0]!.title).toBe('Fix all IaC Review findings in this file (2 left to fix one at a time)');
    const fixed = applyAction(TWO_DATABASES, actions[0]!, main);
    expect(parseSource(main, fixed).errors).toEqual([]);
    expect(fixed.match(/storage_encrypted\s*=\s*true/g)).toHaveLength(2);
    expect(fixed.match(/prevent_destroy\s*=\s*true/g)).toHaveLength(2);
    expect(fixed).not.toContain('deletion_protection');
    expect(fixed).toContain('}\n\nresource "aws_db_instance" "b" {');
  });

  it('every finding links its rule id to its documentation with a command URI; input errors and other clients get no link', async () => {
    const { diagnostics } = await openDatabases();
    for (const d of diagnostics) {
      const href = d.codeDescription?.href ?? '';
      expect(href.startsWith('command:iacReview.showRuleDocumentation?')).toBe(true);
      expect(JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1)))).toEqual([d.code]);
    }
    client!.kill();
    const other = await openDatabases([]);
    expect(other.diagnostics.length).toBeGreaterThan(0);
    expect(other.diagnostics.every((d) => d.codeDescription === undefined)).toBe(true);
  });
});
