// Scale without crashing (issue 10, point 5): a module with 200,000 findings (and as many undecided items)
// reviews to a full report in every format, and the editor shows its diagnostics. Past ~110,000 items,
// push(...spread) overflowed the stack (no report; one internal-error diagnostic in the editor), and fix edits
// were computed in time quadratic in the module's blocks. No timing assertions: each test must finish within its
// vitest timeout.
import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { CHECK_FORMATS } from '../../server/src/cli/commands/check.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import { startServer } from '../../server/src/lsp/server.js';
import { uri } from '../lsp/lsp-client.js';
import { run } from './output-support.js';
import { bucket, writeModule } from './scale-support.js';

const BUCKETS = 200_000;
const LIMIT = 300_000; // ms: a hang limit, not a timing target

let root: string;
beforeAll(() => {
  root = writeModule(BUCKETS, bucket);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const preventDestroy = (findings: ReadonlyArray<{ ruleId: string }>) => findings.filter((f) => f.ruleId === 'lifecycle/prevent-destroy').length;

describe(`a module with ${BUCKETS.toLocaleString('en')} findings and as many undecided items`, () => {
  it(
    'check --format json reports every finding, with its fix computed',
    () => {
      const r = run(['check', '--format', 'json', '--fail-on', 'never', root], root);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.errors).toEqual([]);
      const findings = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'lifecycle/prevent-destroy');
      expect(findings).toHaveLength(BUCKETS);
      expect(findings.every((f: { fixable: boolean }) => f.fixable)).toBe(true);
      expect(report.summary.findings).toBe(report.findings.length);
    },
    LIMIT,
  );

  it(
    'every other format writes the full report',
    () => {
      const result = analyzeWorkspace({ cwd: root, paths: [root], fixes: 'none' });
      expect(result.errors).toEqual([]);
      expect(preventDestroy(result.findings)).toBe(BUCKETS);
      expect(result.undecided.length).toBeGreaterThanOrEqual(BUCKETS);
      const total = result.findings.length;
      const context = { cwd: root, rules: RULES.map((r) => r.meta), color: false };

      const text = CHECK_FORMATS.text(result, context).trimEnd().split('\n');
      expect(text).toHaveLength(total + 2);
      expect(text.at(-1)).toContain(`${total} problems`);

      const github = CHECK_FORMATS.github(result, context).trimEnd().split('\n');
      expect(github.filter((l) => l.startsWith('::warning ') || l.startsWith('::notice ') || l.startsWith('::error '))).toHaveLength(total);

      const markdown = CHECK_FORMATS.markdown(result, context);
      expect(markdown.match(/^\| \[\d+\]\(main\d\.tf#L\d+\) \|/gm)).toHaveLength(total);

      const sarif = JSON.parse(CHECK_FORMATS.sarif(result, context));
      expect(sarif.runs[0].results).toHaveLength(total);
    },
    LIMIT,
  );

  it(
    'the language server publishes the diagnostics (not one internal error)',
    async () => {
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      startServer(createConnection(toServer, toClient), { rules: RULES });
      const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
      const latest = new Map<string, Diagnostic[]>();
      client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => void latest.set(p.uri, p.diagnostics));
      client.listen();
      try {
        await client.sendRequest('initialize', { processId: null, rootUri: uri(root), capabilities: {}, initializationOptions: { debounceMs: 0 } });
        await client.sendNotification('initialized', {});
        const files = [0, 1, 2, 3].map((i) => uri(`${root}/main${i}.tf`));
        // The start-up scan reviews the module and publishes each file's diagnostics.
        while (!files.every((f) => latest.has(f)) && ![...latest.values()].flat().some((d) => d.code === 'internal-error')) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const all = files.flatMap((f) => latest.get(f) ?? []);
        expect(all.filter((d) => d.code === 'internal-error')).toEqual([]);
        expect(all.filter((d) => d.code === 'lifecycle/prevent-destroy')).toHaveLength(BUCKETS);
      } finally {
        await client.sendRequest('shutdown');
        client.dispose();
      }
    },
    LIMIT,
  );
});
