// Neovim from Debian as a second client of `iac-review lsp --stdio`: the
// README's Neovim snippet, taken from README.md and run as it is (with an
// `iac-review` on PATH that runs dist/cli.js), must give Neovim's built-in
// LSP client exactly the diagnostics `iac-review check --format json`
// reports, the engine's quick fix (applied, then re-diagnosed), and a hover.
// Needs `nvim` (scripts/ensure-e2e-tools.sh installs it) and `npm run build`.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(REPO_ROOT, 'dist', 'cli.js');
const CLIENT_LUA = join(import.meta.dirname, 'neovim', 'client.lua');
/** The README's Neovim 0.7+ block starts with this line. */
const SNIPPET_FIRST_LINE = '-- iac-review language server (Neovim 0.7+)';
const OPENED = 'storage.tf';
const FIX_RULE = 'lifecycle/prevent-destroy';
/** 0-based position on `aws_s3_bucket` of `resource "aws_s3_bucket" "invoices"` (line 1 of storage.tf). */
const HOVER = { line: 0, character: 10 };

/** What the Lua client writes (tests/e2e/neovim/client.lua); Neovim positions are 0-based, columns in bytes. */
interface NvimDiagnostic {
  line: number;
  col: number;
  end_line: number;
  end_col: number;
  severity: number;
  code: string;
  message: string;
  source: string;
}
interface LspTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}
interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: { code?: string }[];
  edit?: { changes?: Record<string, LspTextEdit[]>; documentChanges?: { textDocument: { uri: string }; edits: LspTextEdit[] }[] };
}
interface Report {
  uri: string;
  diagnostics: NvimDiagnostic[];
  /** Absolute file → diagnostics; vim.fn.json_encode writes an empty table as []. */
  workspace: Record<string, NvimDiagnostic[]> | [];
  hover: { kind: string; value: string } | string | null;
  code_actions: CodeAction[];
  fixed_text?: string;
  after_fix?: NvimDiagnostic[];
}

interface CliFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  suppressed: boolean;
  fixable: boolean;
}
interface CliReport {
  findings: CliFinding[];
  errors: unknown[];
}

const LSP_SEVERITY = { error: 1, warning: 2, info: 3 } as const;

function cliCheck(workspace: string): CliReport {
  const run = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json', '--fail-on', 'never'], { cwd: workspace, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`iac-review check exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as CliReport;
}

/** UTF-16 column (engine, LSP) → byte column (what vim.diagnostic holds). */
function byteColumn(lineText: string, utf16: number): number {
  return Buffer.byteLength(lineText.slice(0, utf16), 'utf8');
}

/** The CLI's active findings of one file, as Neovim should hold them. */
function expectedFor(report: CliReport, workspace: string, file: string, text?: string): NvimDiagnostic[] {
  const lines = (text ?? readFileSync(join(workspace, file), 'utf8')).split('\n');
  return report.findings
    .filter((f) => f.file === file && !f.suppressed)
    .map((f) => ({
      line: f.range.start.line - 1,
      col: byteColumn(lines[f.range.start.line - 1] ?? '', f.range.start.column - 1),
      end_line: f.range.end.line - 1,
      end_col: byteColumn(lines[f.range.end.line - 1] ?? '', f.range.end.column - 1),
      severity: LSP_SEVERITY[f.severity],
      code: f.ruleId,
      message: f.message,
      source: 'iac-review',
    }));
}

const order = (a: NvimDiagnostic, b: NvimDiagnostic) =>
  a.line - b.line || a.col - b.col || a.end_line - b.end_line || a.end_col - b.end_col || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);
const sorted = (list: readonly NvimDiagnostic[]) => [...list].sort(order);

function requireNvim(): string {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `nvim is not available (${probe.error?.message ?? `exit ${probe.status}`}): the Neovim end-to-end test needs it. ` +
        'Run scripts/ensure-e2e-tools.sh or apt-get install -y neovim.',
    );
  }
  return probe.stdout.split('\n')[0] ?? '';
}

/** The README's Neovim snippet, verbatim. */
function readmeSnippet(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const snippet = blocks.find((b) => b.startsWith(`${SNIPPET_FIRST_LINE}\n`));
  if (!snippet) throw new Error(`README.md has no \`\`\`lua block starting with "${SNIPPET_FIRST_LINE}"`);
  return snippet;
}

/** `iac-review` on PATH, as `npm install -g` would give, running this checkout's dist/cli.js. */
function installShim(sandbox: string): string {
  const bin = join(sandbox, 'bin');
  mkdirSync(bin);
  const shim = join(bin, 'iac-review');
  writeFileSync(shim, `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(shim, 0o755);
  return bin;
}

function runNeovim(sandbox: string, workspace: string, out: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  const xdg = join(sandbox, 'xdg');
  const snippet = join(sandbox, 'init.lua');
  writeFileSync(snippet, readmeSnippet());
  const bin = installShim(sandbox);
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      'nvim',
      ['--headless', '--clean', '-n', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${CLIENT_LUA}`],
      {
        cwd: workspace,
        timeout: 90_000,
        encoding: 'utf8',
        env: {
          ...process.env,
          PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
          XDG_CONFIG_HOME: join(xdg, 'config'),
          XDG_DATA_HOME: join(xdg, 'data'),
          XDG_CACHE_HOME: join(xdg, 'cache'),
          XDG_STATE_HOME: join(xdg, 'state'),
          IAC_REVIEW_SNIPPET: snippet,
          IAC_REVIEW_FILE: join(workspace, OPENED),
          IAC_REVIEW_OUT: out,
          IAC_REVIEW_FIX_RULE: FIX_RULE,
          IAC_REVIEW_HOVER: `${HOVER.line}:${HOVER.character}`,
        },
      },
      (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stderr: `${stderr}${error?.killed ? '\n(killed after the 90 s timeout)' : ''}`, ms: Date.now() - started });
      },
    );
  });
}

/** Neovim's LSP log (0.7: cache dir; 0.8+: state dir) — the server's stderr lands there. */
function lspLog(sandbox: string): string {
  for (const dir of ['cache', 'state']) {
    const path = join(sandbox, 'xdg', dir, 'nvim', 'lsp.log');
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  return '(no lsp.log)';
}

let sandbox: string;
let workspace: string;
let cli: CliReport;
let report: Report;

beforeAll(async () => {
  const version = requireNvim();
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  sandbox = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-nvim-')));
  workspace = join(sandbox, 'example');
  cpSync(join(REPO_ROOT, 'test-fixtures', 'example'), workspace, { recursive: true });
  cli = cliCheck(workspace);
  const out = join(sandbox, 'report.json');
  const run = await runNeovim(sandbox, workspace, out);
  if (run.code !== 0 || !existsSync(out)) {
    throw new Error(`${version} exited ${run.code} after ${run.ms} ms:\n${run.stderr}\nlsp.log:\n${lspLog(sandbox)}`);
  }
  console.log(`${version}: session (start, diagnose, hover, code action, fix, re-diagnose, exit) in ${run.ms} ms`);
  report = JSON.parse(readFileSync(out, 'utf8')) as Report;
}, 120_000);

afterAll(() => {
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

describe('Neovim as a client of iac-review lsp --stdio', () => {
  it('shows on the opened file exactly the findings of iac-review check --format json', () => {
    expect(cli.errors).toEqual([]);
    const expected = expectedFor(cli, workspace, OPENED);
    expect(expected.length).toBeGreaterThan(5);
    expect(sorted(report.diagnostics)).toEqual(sorted(expected));
  });

  it('holds the same diagnostics as check for every file of the workspace (start-up review)', () => {
    const got = Array.isArray(report.workspace) ? {} : report.workspace;
    const byFile = Object.fromEntries(Object.entries(got).map(([file, list]) => [relative(workspace, file), sorted(list)]));
    const files = [...new Set(cli.findings.filter((f) => !f.suppressed).map((f) => f.file))];
    expect(files.length).toBeGreaterThan(3);
    const expected = Object.fromEntries(files.map((file) => [file, sorted(expectedFor(cli, workspace, file))]));
    expect(byFile).toEqual(expected);
  });

  it('gets the engine quick fix as a code action, applies it, and the finding goes away as in check', () => {
    const finding = cli.findings.find((f) => f.file === OPENED && f.ruleId === FIX_RULE && !f.suppressed);
    expect(finding?.fixable, `${FIX_RULE} on ${OPENED} is fixable in check`).toBe(true);

    const fix = report.code_actions.find((a) => a.isPreferred && a.diagnostics?.some((d) => d.code === FIX_RULE));
    expect(fix, `a preferred quick fix for ${FIX_RULE} among ${report.code_actions.map((a) => a.title).join(' | ')}`).toBeDefined();
    expect(fix!.kind).toBe('quickfix');
    const edits = fix!.edit?.changes?.[report.uri] ?? fix!.edit?.documentChanges?.find((c) => c.textDocument.uri === report.uri)?.edits;
    expect(edits?.some((e) => e.newText.includes('prevent_destroy = true'))).toBe(true);
    // Every finding on the line also offers "Suppress … with reason…".
    expect(report.code_actions.some((a) => a.title.startsWith(`Suppress ${FIX_RULE}`))).toBe(true);

    // Neovim applied it (vim.lsp.util.apply_workspace_edit) and sent the change: its new
    // diagnostics are what check says of the edited text.
    expect(report.fixed_text).toContain('prevent_destroy = true');
    writeFileSync(join(workspace, OPENED), report.fixed_text!);
    const after = cliCheck(workspace);
    const expected = expectedFor(after, workspace, OPENED);
    expect(expected.filter((d) => d.code === FIX_RULE)).toHaveLength(report.diagnostics.filter((d) => d.code === FIX_RULE).length - 1);
    expect(sorted(report.after_fix ?? [])).toEqual(sorted(expected));
  });

  it('hovers a resource with Markdown: its effective tags and where they come from', () => {
    expect(report.hover).toMatchObject({ kind: 'markdown' });
    const value = (report.hover as { value: string }).value;
    expect(value).toContain('`aws_s3_bucket.invoices`');
    expect(value).toContain('Effective tags');
    expect(value).toMatch(/`Owner`.*locals\.tf/);
  });
});
