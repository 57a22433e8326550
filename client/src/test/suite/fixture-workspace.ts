import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, Uri, languages, window, workspace, type Diagnostic, type TextDocument } from 'vscode';
import { parseExpectations, type Expectation } from '../../../../tests/support/expectations';

/**
 * The suite runs on a copy of test-fixtures/e2e-workspace opened as the first
 * workspace folder; `# expect: rule-id` comments in its files say which
 * findings each line must have.
 */
export function fixtureUri(name: string): Uri {
  const folder = workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the e2e fixture workspace open as the first workspace folder');
  return Uri.joinPath(folder.uri, name);
}

export async function openFixture(name: string): Promise<TextDocument> {
  const doc = await workspace.openTextDocument(fixtureUri(name));
  await window.showTextDocument(doc);
  return doc;
}

export function expectationsOf(doc: TextDocument): Expectation[] {
  return parseExpectations(doc.uri.fsPath, doc.getText());
}

export function ourDiagnostics(uri: Uri): Diagnostic[] {
  return languages.getDiagnostics(uri).filter((d) => d.source === 'iac-review');
}

export function ruleIdOf(d: Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** `line:rule-id` (1-based line), sorted: comparable with expectations. */
export function findingKeys(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${ruleIdOf(d)}`).sort();
}

export function expectationKeys(expectations: Expectation[]): string[] {
  return expectations.map((e) => `${e.line}:${e.ruleId}`).sort();
}

export const SEVERITY_BY_NAME: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Resolves once `accept` holds for the file's iac-review diagnostics; fails with what was last seen. */
export function waitForDiagnostics(uri: Uri, accept: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 20_000): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = ourDiagnostics(uri);
      if (!accept(current)) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(current);
      return true;
    };
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics on ${uri.fsPath}; last seen: ${JSON.stringify(findingKeys(ourDiagnostics(uri)))}`));
    }, timeoutMs);
    const listener = languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}
