// Test workspaces for the language-server tests, and the CLI's view of them.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { CLI, uri } from './lsp-client.js';

export const EXAMPLE = resolve(import.meta.dirname, '..', '..', 'test-fixtures', 'example');

/** A fresh copy of the bundled example module (two modules, eight files). */
export function exampleWorkspace(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-lsp-')));
  cpSync(EXAMPLE, root, { recursive: true });
  return root;
}

/** Diagnostics reduced to what the CLI also reports, sorted, for comparison. */
export interface Comparable {
  code: string;
  severity: number;
  message: string;
  range: [number, number, number, number];
}

const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };

export function comparable(diagnostics: readonly Diagnostic[]): Comparable[] {
  return diagnostics
    .map((d) => ({
      code: String(d.code),
      severity: d.severity ?? 0,
      message: typeof d.message === 'string' ? d.message : d.message.value,
      range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character] as Comparable['range'],
    }))
    .sort(compare);
}

interface JsonRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** `iac-review check --format json` in `root`, as the diagnostics an editor should show, by file URI. */
export function cliDiagnostics(root: string): Map<string, Comparable[]> {
  const out = execFileSync(process.execPath, [CLI, 'check', '--format', 'json', '--fail-on', 'never'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const report = JSON.parse(out) as {
    findings: Array<{ ruleId: string; severity: string; message: string; file: string; range: JsonRange; suppressed: boolean }>;
    errors: Array<{ file: string; message: string; range?: JsonRange }>;
  };
  const byUri = new Map<string, Comparable[]>();
  const add = (file: string, c: Comparable) => {
    const key = uri(join(root, file));
    byUri.set(key, [...(byUri.get(key) ?? []), c]);
  };
  const zeroBased = (r: JsonRange | undefined): Comparable['range'] =>
    r ? [r.start.line - 1, r.start.column - 1, r.end.line - 1, r.end.column - 1] : [0, 0, 0, 0];
  for (const f of report.findings) {
    if (!f.suppressed) add(f.file, { code: f.ruleId, severity: SEVERITY[f.severity]!, message: f.message, range: zeroBased(f.range) });
  }
  for (const e of report.errors) add(e.file, { code: 'syntax-error', severity: 1, message: e.message, range: zeroBased(e.range) });
  for (const [k, list] of byUri) byUri.set(k, list.sort(compare));
  return byUri;
}

function compare(a: Comparable, b: Comparable): number {
  for (let i = 0; i < 4; i++) if (a.range[i] !== b.range[i]) return a.range[i]! - b.range[i]!;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
