// Soak test (issue 4): 5,000 random incremental edits through the real server,
// in bursts, with quick-fix and hover requests in between. The server must stay
// up, answer every request, and — whenever the edits pause and it has caught
// up — show the diagnostics the engine gives for the current texts; at the end
// of each phase, those a fresh `iac-review check` gives for a copy of them.
// The edits are drawn from a seeded PRNG: SOAK_SEED=<n> replays a run's edits.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it, onTestFailed } from 'vitest';
import type { CodeAction, Diagnostic, Position, TextDocumentContentChangeEvent, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { checkSourceText, NodeFileHost, type FileHost } from '../../server/src/engine/host.js';
import type { Range } from '../../server/src/engine/range.js';
import { CLI, LspTestClient, uri } from './lsp-client.js';
import { EXAMPLE } from './workspace.js';

const OPEN = ['iam.tf', 'locals.tf'];
const SEED = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 32));
/** Phases of the run, each ended by a comparison with the CLI; `restore` first puts the original texts back. */
const PHASES: Array<{ edits: number; kind: 'chaos' | 'gentle'; restore?: boolean }> = [
  { edits: 1500, kind: 'chaos' },
  { edits: 500, kind: 'gentle' },
  { edits: 1000, kind: 'gentle', restore: true },
  { edits: 1500, kind: 'chaos' },
  { edits: 500, kind: 'gentle', restore: true },
];

/** mulberry32: small, seeded, good enough to pick edits. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = ['{', '}', '"', '${', '}"', '\n', '[', ']', '(', ')', '=', ',', '#', '//', '/*', '*/', '<<EOT\n', 'EOT\n', '\\', '.', '*', ' ', 'x', 'var.', 'local.', '%{', 'é', '→', '😀', 'null', 'true', '0.5', '"${var.environment}-x"'];
const LINES = [
  '  tags = { Owner = "x" }\n',
  '  tags = merge(local.common_tags, { Name = "n" })\n',
  '    CostCenter  = "cc-1"\n',
  '  Environment = "prod"\n',
  '  lifecycle {\n    prevent_destroy = true\n  }\n',
  '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n',
  'resource "aws_s3_bucket" "soak" {\n  bucket = "b"\n}\n',
  'resource "aws_iam_role" "soak" {\n  name = "r"\n  assume_role_policy = "{}"\n}\n',
  '  password = "hunter2hunter2hunter2"\n',
  'variable "soak" {}\n',
  'module "soak" {\n  source = "git::https://example.com/m.git"\n}\n',
  '  count = 2\n',
  '        Action   = ["s3:*", "iam:PassRole"]\n',
  '# a comment\n',
];

/** The client's copy of an open document, kept in step with the edits sent. */
class Shadow {
  version = 1;
  constructor(
    readonly path: string,
    public text: string,
  ) {}

  positionAt(offset: number): Position {
    let line = 0;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, character: offset - lineStart };
  }

  /** Replaces [start, end) and returns the LSP change event for it. */
  replace(start: number, end: number, text: string): TextDocumentContentChangeEvent {
    const change = { range: { start: this.positionAt(start), end: this.positionAt(end) }, text };
    this.text = this.text.slice(0, start) + text + this.text.slice(end);
    return change;
  }
}

/** Random edits: `chaos` breaks syntax freely; `gentle` edits whole lines and string values, like a person typing. */
function editMaker(random: () => number, originals: Map<string, string>) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]) => list[int(list.length)]!;
  // Never split a surrogate pair: LSP positions count UTF-16 units.
  const safe = (text: string, offset: number) => {
    const c = text.charCodeAt(offset - 1);
    return c >= 0xd800 && c <= 0xdbff ? offset + 1 : offset;
  };
  const offset = (text: string) => safe(text, int(text.length + 1));
  const lineBounds = (text: string) => {
    const at = int(text.length + 1);
    const start = text.lastIndexOf('\n', at - 1) + 1;
    const newline = text.indexOf('\n', at);
    return { start, end: newline < 0 ? text.length : newline + 1 };
  };

  const one = (doc: Shadow, kind: 'chaos' | 'gentle'): TextDocumentContentChangeEvent => {
    const { text } = doc;
    const original = originals.get(doc.path)!;
    if (text.length > 3 * original.length) {
      const start = offset(text);
      return doc.replace(start, safe(text, Math.min(text.length, start + 50 + int(200))), '');
    }
    if (text.length < original.length / 4) {
      const { start } = lineBounds(text);
      return doc.replace(start, start, pick(LINES));
    }
    const roll = random();
    if (kind === 'chaos' && roll < 0.35) {
      const at = offset(text);
      return doc.replace(at, at, pick(FRAGMENTS));
    }
    if (kind === 'chaos' && roll < 0.55) {
      const start = offset(text);
      return doc.replace(start, safe(text, Math.min(text.length, start + 1 + int(12))), '');
    }
    if (kind === 'chaos' && roll < 0.75) {
      const start = offset(text);
      return doc.replace(start, safe(text, Math.min(text.length, start + int(12))), pick(FRAGMENTS) + pick(FRAGMENTS));
    }
    if (kind === 'gentle' && roll < 0.3) {
      // A string value retyped: a tag, a name, an action.
      const quoted = [...text.matchAll(/"[^"\n]*"/g)];
      if (quoted.length) {
        const q = pick(quoted);
        return doc.replace(q.index + 1, q.index + q[0].length - 1, pick(['team-x', 'prod', 's3:GetObject', '*', '', 'cc-42', '${local.name}', 'é']));
      }
    }
    const lineRoll = random();
    const { start, end } = lineBounds(text);
    if (lineRoll < 0.3) return doc.replace(start, end, ''); // a line deleted
    if (lineRoll < 0.65) return doc.replace(start, start, pick(LINES)); // a whole attribute or block pasted
    const at = safe(text, start + int(Math.max(1, end - start))); // a character typed into a line
    return doc.replace(at, at, pick(['x', '_', '1', ' ', '-']));
  };

  /** One didChange: usually one change, sometimes several (multi-cursor), each relative to the text after the previous. */
  return (doc: Shadow, kind: 'chaos' | 'gentle'): TextDocumentContentChangeEvent[] => {
    const count = random() < 0.05 ? 2 + int(2) : 1;
    return Array.from({ length: count }, () => one(doc, kind));
  };
}

/** What a diagnostic and a CLI finding or error have in common, as one comparable line. */
function diagnosticLine(d: Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${String(d.code)} severity ${d.severity} ${d.message}`;
}

const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };
const INPUT_ERROR_CODES: Record<string, string> = { syntax: 'syntax-error' }; // the edits only ever break syntax

/** An engine finding or input error (1-based ranges) as the line its diagnostic must give. */
function expectedLine(code: string, severity: string, message: string, range: Range | undefined): string {
  const r = range ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const lspRange = { start: { line: r.start.line - 1, character: r.start.column - 1 }, end: { line: r.end.line - 1, character: r.end.column - 1 } };
  return diagnosticLine({ range: lspRange, code, severity: SEVERITY[severity] as Diagnostic['severity'], message });
}

function addTo(byFile: Map<string, string[]>, file: string, line: string): void {
  byFile.set(file, [...(byFile.get(file) ?? []), line]);
}

/** `iac-review check --format json` in `root`: the lines of diagnostics an editor should show, by relative path. */
function cliDiagnostics(root: string): Map<string, string[]> {
  const report = JSON.parse(execFileSync(process.execPath, [CLI, 'check', '--format', 'json', '--fail-on', 'never'], { cwd: root, encoding: 'utf8' })) as {
    findings: Array<{ ruleId: string; severity: string; message: string; file: string; range: Range; suppressed: boolean }>;
    errors: Array<{ file: string; message: string; range?: Range }>;
  };
  const byFile = new Map<string, string[]>();
  for (const f of report.findings) if (!f.suppressed) addTo(byFile, f.file, expectedLine(f.ruleId, f.severity, f.message, f.range));
  for (const e of report.errors) addTo(byFile, e.file, expectedLine('syntax-error', 'error', e.message, e.range));
  return byFile;
}

/** The engine, in-process, over the workspace with the open documents' texts laid over the disk: quick enough to ask after every pause. */
function engineDiagnostics(root: string, docs: readonly Shadow[]): Map<string, string[]> {
  const disk = new NodeFileHost(root);
  const host: FileHost = {
    workspaceRoot: root,
    readText: (path, maxBytes) => {
      const doc = docs.find((d) => d.path === path);
      return doc ? checkSourceText(doc.text, maxBytes) : disk.readText(path, maxBytes);
    },
    readDirectory: (path) => disk.readDirectory(path),
  };
  const result = analyzeWorkspace({ cwd: root, paths: [root], host, fixes: 'none' });
  const byFile = new Map<string, string[]>();
  for (const f of result.findings) if (!f.suppression) addTo(byFile, relative(root, f.file), expectedLine(f.ruleId, f.severity, f.message, f.range));
  for (const e of result.errors) addTo(byFile, relative(root, e.file), expectedLine(INPUT_ERROR_CODES[e.kind] ?? e.kind, 'error', e.message, e.range));
  return byFile;
}

function sourceFiles(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(root, join(dir, e.name)) : /\.(tf|tfvars)$/.test(e.name) ? [relative(root, join(root, dir, e.name))] : [],
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('soak: 5,000 random edits through the language server', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });
  const workspace = () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-soak-')));
    roots.push(root);
    cpSync(EXAMPLE, root, { recursive: true });
    // A closed file whose only finding comes from the open locals.tf: edits there make it appear and disappear.
    writeFileSync(join(root, 'alerts.tf'), 'resource "aws_sns_topic" "alerts" {\n  name = "${local.name}-alerts"\n  tags = local.common_tags\n}\n');
    return root;
  };

  it('stays up, answers every request and ends with the diagnostics of a fresh check of the final texts', async () => {
    onTestFailed(() => console.error(`soak test failed with seed ${SEED}: replay with SOAK_SEED=${SEED}`));
    const random = prng(SEED);
    const root = workspace();
    const client = await LspTestClient.start({ root, initializationOptions: { debounceMs: 2 } });
    try {
      const docs = OPEN.map((name) => new Shadow(join(root, name), readFileSync(join(root, name), 'utf8')));
      const originals = new Map(docs.map((d) => [d.path, d.text]));
      for (const doc of docs) await client.open(doc.path, doc.text);
      const nextChanges = editMaker(random, originals);

      /** Waits until `doc` has been reviewed at its current version (or a later one). */
      const reviewed = async (doc: Shadow, timeoutMs = 20_000) => {
        const u = uri(doc.path);
        const deadline = performance.now() + timeoutMs;
        while (!client.published.some((p) => p.uri === u && (p.version ?? 0) >= doc.version)) {
          if (performance.now() > deadline) throw new Error(`${doc.path} never published for version ${doc.version}; server log:\n${client.log.join('\n')}`);
          await sleep(2);
        }
      };
      const send = async (doc: Shadow, changes: TextDocumentContentChangeEvent[]) => {
        doc.version = await client.change(doc.path, changes);
      };

      const requests: Array<Promise<unknown>> = [];
      let codeActionsAnswered = 0;
      let hoversAnswered = 0;
      /** A hover or quick-fix request at a random place; code actions must target the version the server has. */
      const request = (doc: Shadow) => {
        const at = doc.positionAt(Math.floor(random() * (doc.text.length + 1)));
        if (random() < 0.5) {
          requests.push(client.hover(doc.path, at.line, at.character).then(() => hoversAnswered++));
          return;
        }
        const versions = new Map(docs.map((d) => [uri(d.path), d.version]));
        const diagnostics = client.diagnostics.get(uri(doc.path)) ?? [];
        const range = diagnostics.length && random() < 0.7 ? diagnostics[Math.floor(random() * diagnostics.length)]!.range : { start: at, end: at };
        requests.push(
          client.codeActions(doc.path, range, diagnostics).then((actions) => {
            codeActionsAnswered++;
            for (const action of (actions ?? []) as CodeAction[]) {
              for (const change of (action.edit?.documentChanges ?? []) as TextDocumentEdit[]) {
                const expected = versions.get(change.textDocument.uri);
                if (expected !== undefined) expect(change.textDocument.version, `${action.title} on ${change.textDocument.uri}`).toBe(expected);
              }
            }
          }),
        );
      };

      /**
       * Once the server has reviewed the latest versions, every file's diagnostics must equal `expected` —
       * the engine's in-process analysis of the current texts, or at the end of a phase the CLI's on a copy.
       */
      const files = sourceFiles(root);
      const compared: string[] = [];
      const expectSameDiagnostics = async (label: string, cli: boolean) => {
        for (const doc of docs) await reviewed(doc);
        await client.hover(docs[0]!.path, 0, 0); // a round trip: every publish sent before its answer has arrived
        let expected: Map<string, string[]>;
        if (cli) {
          const fresh = workspace();
          for (const doc of docs) writeFileSync(join(fresh, relative(root, doc.path)), doc.text);
          expected = cliDiagnostics(fresh);
        } else expected = engineDiagnostics(root, docs);
        for (const [u, diagnostics] of client.diagnostics) {
          if (diagnostics.length) expect(files.map((f) => uri(join(root, f))), `diagnostics on a file outside the module: ${u}`).toContain(u);
        }
        for (const f of files) {
          const actual = (client.diagnostics.get(uri(join(root, f))) ?? []).map(diagnosticLine).sort();
          expect(actual, `${label}: diagnostics of ${f} (seed ${SEED})`).toEqual((expected.get(f) ?? []).sort());
        }
        compared.push(...[...expected.values()].flat());
      };

      let pauses = 0;
      for (const [index, phase] of PHASES.entries()) {
        if (phase.restore) for (const doc of docs) await send(doc, [doc.replace(0, doc.text.length, originals.get(doc.path)!)]);
        let sent = 0;
        while (sent < phase.edits) {
          // A burst of typing, then a pause long or short enough for the debounced review to run (or not).
          const burst = Math.min(phase.edits - sent, 1 + Math.floor(random() * 8));
          for (let i = 0; i < burst; i++, sent++) {
            const doc = docs[random() < 0.6 ? 0 : 1]!;
            await send(doc, nextChanges(doc, phase.kind));
            if (random() < 0.04) request(doc);
          }
          const pause = random();
          if (pause < 0.1) await expectSameDiagnostics(`phase ${index + 1}, pause ${++pauses}, after ${sent} edits`, false);
          else if (pause < 0.7) await sleep(Math.floor(random() * 6));
        }
        await Promise.all(requests.splice(0));
        await expectSameDiagnostics(`end of phase ${index + 1} (${phase.kind}, ${phase.edits} edits)`, true);
      }

      expect(client.process.exitCode, 'the server process exited').toBeNull();
      expect(client.log.filter((line) => /failed|internal error/i.test(line))).toEqual([]);
      // The run really exercised the server: many reviews, requests answered, findings and syntax errors compared.
      const reviews = client.published.filter((p) => p.uri === uri(docs[0]!.path)).length;
      if (process.env.SOAK_VERBOSE) console.log({ seed: SEED, reviews, pauses, hoversAnswered, codeActionsAnswered, compared: compared.length });
      expect(reviews, 'reviews of the edited module').toBeGreaterThan(300);
      expect(hoversAnswered + codeActionsAnswered).toBeGreaterThan(100);
      expect(compared.some((line) => line.includes(' syntax-error '))).toBe(true);
      expect(compared.some((line) => !line.includes(' syntax-error '))).toBe(true);
      expect(await client.stop()).toBe(0);
    } finally {
      if (client.process.exitCode === null) client.kill();
    }
  });
});
