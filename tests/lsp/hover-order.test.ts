// SPEC §2 / issue 13: VS Code shows the diagnostics under the mouse above any hover provider's text (its marker
// hover part comes first, whatever the server answers). With findings on their first line only, the lines of a
// statement or block below its first line carry no diagnostic: hovering there shows the tags/IAM table first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';
import { LspTestClient } from './lsp-client.js';
import { exampleWorkspace } from './workspace.js';

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

const covers = (d: Diagnostic, p: Position) =>
  (d.range.start.line < p.line || (d.range.start.line === p.line && d.range.start.character <= p.character)) &&
  (d.range.end.line > p.line || (d.range.end.line === p.line && d.range.end.character >= p.character));

describe('hover under the first line of a finding', () => {
  it('an IAM statement with findings: its body lines have no diagnostic, and the hover there is the IAM table', async () => {
    const root = exampleWorkspace();
    const iam = join(root, 'iam.tf');
    const text = readFileSync(iam, 'utf8');
    client = await LspTestClient.start({ root });
    await client.waitForProgressEnd();
    await client.open(iam, text);
    const { diagnostics } = await client.waitForDiagnostics(iam, (p) => p.diagnostics.length > 0, { fresh: false });
    const statement = diagnostics.find((d) => d.code === 'iam/wildcard-action')!;
    expect(statement.range.end.line).toBe(statement.range.start.line);
    // The statement's `Action = ["sqs:*"]` line, two lines below its `{`.
    const line = statement.range.start.line + 2;
    expect(text.split('\n')[line]).toContain('sqs:*');
    const at = { line, character: text.split('\n')[line]!.indexOf('sqs') };
    expect(diagnostics.filter((d) => covers(d, at))).toEqual([]);
    const hover = await client.hover(iam, at.line, at.character);
    const value = (hover?.contents as { value: string }).value;
    expect(value.indexOf('**IAM statements**')).toBeGreaterThan(0);
    expect(value).toContain('`sqs:*`');
  });

  it('a resource with findings on its header: the hover on its body starts with the effective tags', async () => {
    const root = exampleWorkspace();
    const storage = join(root, 'storage.tf');
    client = await LspTestClient.start({ root });
    await client.waitForProgressEnd();
    await client.open(storage, readFileSync(storage, 'utf8'));
    const { diagnostics } = await client.waitForDiagnostics(storage, (p) => p.diagnostics.length > 0, { fresh: false });
    const header = diagnostics.filter((d) => d.range.start.line === 0);
    expect(header.length).toBeGreaterThan(0);
    expect(diagnostics.filter((d) => covers(d, { line: 1, character: 4 }))).toEqual([]);
    const value = ((await client.hover(storage, 1, 4))?.contents as { value: string }).value;
    const [heading, first] = value.split('\n\n');
    expect(heading).toContain('aws_s3_bucket.invoices');
    expect(first).toMatch(/^\*\*Effective tags\*\*/);
  });
});
