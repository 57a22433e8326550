// Module calls in the editor (SPEC §2a): a change to a callee re-reviews its callers, over a real JSON-RPC connection.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, uri } from './lsp-client.js';

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

const CALLER = 'module "db" {\n  source = "./modules/db"\n  name   = "orders"\n}\n';
const CALLEE = (encrypted: boolean) =>
  `variable "name" {\n  type        = string\n  description = "Identifier."\n}\n\nvariable "storage_encrypted" {\n  type        = bool\n  description = "Encrypt storage."\n  default     = ${encrypted}\n}\n\n` +
  'resource "aws_db_instance" "this" {\n  identifier        = var.name\n  engine            = "postgres"\n  instance_class    = "db.t3.medium"\n  storage_encrypted = var.storage_encrypted\n}\n';

const atRest = (diagnostics: readonly Diagnostic[] | undefined) => (diagnostics ?? []).filter((d) => d.code === 'encryption/at-rest');

describe('module calls in the editor', () => {
  it('an edit to a callee re-reviews its caller: the finding the callee default now decides appears on the caller, and goes again', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-calls-')));
    mkdirSync(join(root, 'modules', 'db'), { recursive: true });
    const caller = join(root, 'main.tf');
    const callee = join(root, 'modules', 'db', 'main.tf');
    writeFileSync(caller, CALLER);
    writeFileSync(callee, CALLEE(true));
    client = await LspTestClient.start({ root, initializationOptions: { debounceMs: 20 } });
    const c = client;
    await c.waitForProgressEnd();
    expect(atRest(c.diagnostics.get(uri(caller)))).toEqual([]);

    await c.open(callee, readFileSync(callee, 'utf8'));
    // Unsaved edit of the callee: its default turns encryption off.
    await c.change(callee, [{ range: { start: { line: 8, character: 16 }, end: { line: 8, character: 20 } }, text: 'false' }]);
    const flagged = await c.waitForDiagnostics(caller, (p) => atRest(p.diagnostics).length === 1, { fresh: false });
    const [d] = atRest(flagged.diagnostics);
    expect(d!.range.start.line).toBe(0); // the module block header: a callee default decides
    expect(d!.message).toMatch(/^module\.db → aws_db_instance\.this: /);
    expect(d!.relatedInformation?.[0]?.location.uri).toBe(uri(callee));
    // The callee on its own cannot know its callers' values: nothing there.
    expect(atRest(c.diagnostics.get(uri(callee)))).toEqual([]);

    await c.change(callee, [{ range: { start: { line: 8, character: 16 }, end: { line: 8, character: 21 } }, text: 'true' }]);
    await c.waitForDiagnostics(caller, (p) => atRest(p.diagnostics).length === 0, { fresh: false });
  });
});

describe('cycles of module calls in the editor', () => {
  const cycle = (ds: readonly Diagnostic[] | undefined) => (ds ?? []).filter((d) => d.code === 'module-cycle');

  it('each module on a cycle says so on its own call, whichever was reviewed first; breaking the cycle clears both', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-cycle-')));
    mkdirSync(join(root, 'modules', 'b'), { recursive: true });
    mkdirSync(join(root, 'modules', 'c'), { recursive: true });
    const a = join(root, 'main.tf');
    const b = join(root, 'modules', 'b', 'main.tf');
    const c = join(root, 'modules', 'c', 'main.tf');
    writeFileSync(a, 'module "b" {\n  source = "./modules/b"\n}\n');
    writeFileSync(b, 'module "c" {\n  source = "../c"\n}\n');
    const cText = 'variable "x" {\n  type        = string\n  description = "x"\n}\n\nmodule "back" {\n  source = "../b"\n}\n';
    writeFileSync(c, cText);
    client = await LspTestClient.start({ root, initializationOptions: { debounceMs: 20 } });
    const lsp = client;
    await lsp.waitForProgressEnd();
    // b → c → b: both name their own call; a, which only calls into the cycle, is not on it.
    const onB = await lsp.waitForDiagnostics(b, (p) => cycle(p.diagnostics).length === 1, { fresh: false });
    const onC = await lsp.waitForDiagnostics(c, (p) => cycle(p.diagnostics).length === 1, { fresh: false });
    expect(cycle(onB.diagnostics)[0]!.range.start.line).toBe(0);
    expect(cycle(onB.diagnostics)[0]!.message).toMatch(/^module\.c leads back to this module, a cycle of module calls \(modules\/b → modules\/c → modules\/b\)/);
    expect(cycle(onC.diagnostics)[0]!.range.start.line).toBe(5);
    expect(cycle(lsp.diagnostics.get(uri(a)))).toEqual([]);

    // c stops calling b: the cycle is gone from both.
    await lsp.open(c, cText);
    await lsp.change(c, [{ range: { start: { line: 5, character: 0 }, end: { line: 8, character: 0 } }, text: '' }]);
    await lsp.waitForDiagnostics(c, (p) => cycle(p.diagnostics).length === 0, { fresh: false });
    await lsp.waitForDiagnostics(b, (p) => cycle(p.diagnostics).length === 0, { fresh: false });
  });
});
