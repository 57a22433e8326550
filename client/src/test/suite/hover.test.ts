import * as assert from 'node:assert/strict';
import { MarkdownString, commands, type Hover, type Position, type TextDocument } from 'vscode';
import { openFixture } from './fixture-workspace';

function positionOf(doc: TextDocument, text: string): Position {
  const offset = doc.getText().indexOf(text);
  assert.ok(offset >= 0, `"${text}" is not in ${doc.uri.fsPath}`);
  return doc.positionAt(offset);
}

function hoverText(hovers: Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (c instanceof MarkdownString ? c.value : typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('Hover', () => {
  test('a resource shows its effective tags, default_tags included', async () => {
    const doc = await openFixture('main.tf');
    const at = positionOf(doc, 'aws_s3_bucket" "invoices"');
    const hovers = await commands.executeCommand<Hover[]>('vscode.executeHoverProvider', doc.uri, at.translate(0, 3));
    const text = hoverText(hovers);
    // Owner and Environment come from the provider's default_tags (local.common_tags), the rest from the resource.
    for (const tag of ['Owner', 'billing-team', 'Environment', 'prod', 'CostCenter', 'cc-4021', 'Service']) {
      assert.ok(text.includes(tag), `hover lacks "${tag}":\n${text}`);
    }
  });

  test('an IAM policy shows its statements', async () => {
    const doc = await openFixture('main.tf');
    const at = positionOf(doc, 'aws_iam_policy" "workers"');
    const hovers = await commands.executeCommand<Hover[]>('vscode.executeHoverProvider', doc.uri, at.translate(0, 3));
    const text = hoverText(hovers);
    assert.match(text, /Allow/, `hover lacks the statement's effect:\n${text}`);
  });
});
