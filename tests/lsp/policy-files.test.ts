// Policy files in the editor (SPEC §11): a broken *.policy.json is a diagnostic with line and column, whether a
// configuration reads it (a path in "extends") or it is open on its own; a policy's findings reach the editor too.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lsp-client.js';
import { exampleWorkspace } from './workspace.js';

const INVALID = resolve(import.meta.dirname, '..', '..', 'test-fixtures', 'policies', 'invalid');

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

/** `line:column message` (1-based) of a diagnostic. */
const at = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${typeof d.message === 'string' ? d.message : d.message.value}`;

describe('policy files in the editor', () => {
  it('each broken policy file a configuration reads is a diagnostic on it, with line and column', async () => {
    const root = exampleWorkspace();
    mkdirSync(join(root, 'standards'));
    const cases = ['syntax-error', 'unknown-operator', 'backreference', 'malformed-path'];
    for (const c of cases) {
      const text = readFileSync(join(INVALID, c, 'bucket.policy.json'), 'utf8').replace('acme/bucket-name', `acme/${c}`);
      writeFileSync(join(root, 'standards', `${c}.policy.json`), text);
    }
    writeFileSync(join(root, '.iac-review.json'), JSON.stringify({ extends: ['recommended', './standards'] }));
    client = await LspTestClient.start({ root });
    await client.waitForProgressEnd();
    const got: Record<string, string[]> = {};
    for (const c of cases) {
      const { diagnostics } = await client.waitForDiagnostics(join(root, 'standards', `${c}.policy.json`), (p) => p.diagnostics.length > 0, { fresh: false });
      got[c] = diagnostics.map(at);
    }
    expect(got).toEqual({
      'syntax-error': [expect.stringMatching(/^7:7 Invalid JSON: comma expected/)],
      'unknown-operator': [expect.stringMatching(/^10:38 Unknown operator "startsWith"/)],
      backreference: [expect.stringMatching(/^10:49 The pattern cannot be used: `\\1` is a backreference/)],
      'malformed-path': [expect.stringMatching(/^10:28 Malformed path: the path "tags\.\.Owner"/)],
    });
  });

  it('a policy file open on its own, used by no configuration, is checked too', async () => {
    const root = exampleWorkspace();
    const lone = join(root, 'draft.policy.json');
    const text = readFileSync(join(INVALID, 'unknown-operator', 'bucket.policy.json'), 'utf8');
    writeFileSync(lone, text);
    client = await LspTestClient.start({ root });
    await client.waitForProgressEnd();
    await client.open(lone, text, 'jsonc');
    const { diagnostics } = await client.waitForDiagnostics(lone, (p) => p.diagnostics.length > 0, { fresh: false });
    expect(diagnostics.map(at)).toEqual([expect.stringMatching(/^10:38 Unknown operator "startsWith"/)]);
  });

  it("a policy's finding is a diagnostic on the Terraform file, like a rule's", async () => {
    const root = exampleWorkspace();
    cpSync(join(INVALID, '..', 's3-versioning', 'versioning.policy.json'), join(root, 'versioning.policy.json'));
    writeFileSync(join(root, '.iac-review.json'), JSON.stringify({ extends: ['recommended', './versioning.policy.json'] }));
    const tf = join(root, 'versioning.tf');
    writeFileSync(tf, 'resource "aws_s3_bucket_versioning" "x" {\n  bucket = "b"\n  versioning_configuration {\n    status = "Suspended"\n  }\n}\n');
    client = await LspTestClient.start({ root });
    await client.waitForProgressEnd();
    const { diagnostics } = await client.waitForDiagnostics(tf, (p) => p.diagnostics.some((d) => d.code === 'acme/bucket-versioning-enabled'), { fresh: false });
    const d = diagnostics.find((x) => x.code === 'acme/bucket-versioning-enabled')!;
    expect(at(d)).toMatch(/^4:5 aws_s3_bucket_versioning\.x: versioning_configuration\.status is "Suspended"/);
    // Its documentation, as "Show Rule Documentation" asks for it: the policy's own rationale.
    const doc = (await client.connection.sendRequest('iacReview/ruleDocumentation', { ruleId: 'acme/bucket-versioning-enabled' })) as { markdown: string } | null;
    expect(doc?.markdown).toMatch(/^# acme\/bucket-versioning-enabled\n\n\*\*Bucket versioning configurations keep versioning enabled\*\*[^]*\*\*Why\.\*\* Versioning is what recovers/);
  });
});
