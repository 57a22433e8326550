// Module roles in the editor (SPEC §2a), over a real JSON-RPC connection: a spawned `iac-review lsp --stdio`.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lsp-client.js';

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

const BUCKET = 'resource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\n';
const VARIABLE = 'variable "name" {\n  type        = string\n  description = "Bucket name."\n}\n';
const EXAMPLE = 'module "bucket" {\n  source = "../.."\n  name   = "demo"\n}\n';
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => String(d.code)).sort();
const hoverText = (hover: Awaited<ReturnType<LspTestClient['hover']>>) => (hover?.contents as { value: string } | undefined)?.value;

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'iac-lsp-roles-'));
  writeFileSync(join(root, 'main.tf'), BUCKET);
  writeFileSync(join(root, 'variables.tf'), VARIABLE);
  mkdirSync(join(root, 'examples', 'demo'), { recursive: true });
  writeFileSync(join(root, 'examples', 'demo', 'main.tf'), EXAMPLE);
  return root;
}

describe('module roles in the language server', () => {
  it('the hover on a module\'s first block names its role and why; a call that goes away makes the callee a deployment again', async () => {
    const root = workspace();
    const main = join(root, 'main.tf');
    const example = join(root, 'examples', 'demo', 'main.tf');
    client = await LspTestClient.start({ root });
    await client.waitForProgressEnd();
    // The bucket is in a reusable module (the example calls it): prevent_destroy is not asked of it.
    await client.waitForDiagnostics(main, (p) => !codes(p.diagnostics).includes('lifecycle/prevent-destroy'), { fresh: false });

    await client.open(main, BUCKET);
    expect(hoverText(await client.hover(main, 0, 2))).toContain('**Module role** `module`: called by examples/demo through source = "../.."');
    // Anywhere in the first block of the first file (load order); another file's first block does not tell it.
    expect(hoverText(await client.hover(main, 1, 2)) ?? '').toContain('Module role');
    expect(await client.hover(join(root, 'variables.tf'), 0, 2)).toBeNull();

    await client.open(example, EXAMPLE);
    expect(hoverText(await client.hover(example, 0, 2))).toContain('**Module role** `example`: under examples/');

    // The example stops calling the root: the root is a deployment again and is reviewed again as one.
    await client.change(example, [{ text: 'module "bucket" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n  version = "4.1.2"\n}\n' }]);
    await client.waitForDiagnostics(main, (p) => codes(p.diagnostics).includes('lifecycle/prevent-destroy'));
    expect(hoverText(await client.hover(main, 0, 2))).toContain('**Module role** `deployment`');
  });
});
