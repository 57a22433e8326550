// The editor side of `npm run bench` (issue 4): the language server
// (`iac-review lsp --stdio`) driven over JSON-RPC as an editor drives it.
//  - latency: didChange → publishDiagnostics for that version on a 3,000-line
//    file, debounce excluded (debounceMs 0); reference in the same run: the
//    engine reviewing that module in-process, so the protocol's cost shows;
//  - memory: server RSS after its start-up scan of a ~2,000-file workspace,
//    and the scan's wall time; reference: `iac-review check`'s review of the
//    same workspace (time, peak RSS) in its own process.
// usage: node scripts/bench-lsp.mjs (after `npm run build`); BENCH_STRICT=1 exits 1 when a target is missed.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { singleFileModule, writeCorpus } from './bench-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, '..', 'dist', 'cli.js');
const WARM_UP_EDITS = 20;
const MEASURED_EDITS = 200;
const WORKSPACE_MODULES = 334; // 6 files each: 2,004 files
const TARGETS = { medianMs: 20, p95Ms: 50, rssMb: 300 };

/** A minimal editor: spawns the server, answers progress creation, records publishes and progress. */
async function startServer(root, initializationOptions) {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  let scanEnded;
  const scanDone = new Promise((resolve) => (scanEnded = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    for (const w of waiters.filter((w) => w.uri === p.uri && w.version === p.version)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve({ at, count: p.diagnostics.length });
    }
  });
  connection.onNotification('$/progress', (p) => {
    if (p.value?.kind === 'end') scanEnded(performance.now());
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions,
  });
  const initializedAt = performance.now();
  await connection.sendNotification('initialized', {});
  return {
    pid: child.pid,
    connection,
    initializedAt,
    scanDone,
    published: (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve })),
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
      connection.dispose();
    },
  };
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Realistic one-line edits, cycling over the file: a tag value changed, a
 * character typed into a description string. Each returns the change event
 * and keeps `lines` (the client's copy of the text) in step.
 */
function editor(lines) {
  const tagLines = [];
  const descriptionLines = [];
  lines.forEach((line, i) => {
    if (/^ {4}Component = "/.test(line)) tagLines.push(i);
    else if (/^ {2}description = "/.test(line)) descriptionLines.push(i);
  });
  return (k) => {
    if (k % 2 === 0) {
      const line = tagLines[(k / 2) % tagLines.length];
      const start = lines[line].indexOf('"') + 1;
      const end = lines[line].lastIndexOf('"');
      const text = `svc-${k}`;
      lines[line] = lines[line].slice(0, start) + text + lines[line].slice(end);
      return { range: { start: { line, character: start }, end: { line, character: end } }, text };
    }
    const line = descriptionLines[((k - 1) / 2) % descriptionLines.length];
    const at = lines[line].indexOf('"') + 1;
    lines[line] = lines[line].slice(0, at) + 'x' + lines[line].slice(at);
    return { range: { start: { line, character: at }, end: { line, character: at } }, text: 'x' };
  };
}

async function measureLatency() {
  const root = mkdtempSync(join(tmpdir(), 'iac-review-bench-lsp-'));
  try {
    const text = singleFileModule(3000);
    const file = join(root, 'main.tf');
    writeFileSync(file, text);
    const lines = text.split('\n');

    // Reference: the engine's reviewModule on the same module and the same edits, in-process — what the
    // server runs per edit, without the protocol, the document store and the event loop.
    const { analyzeWorkspace, reviewModule } = await import(pathToFileURL(join(here, '..', 'dist', 'engine.mjs')).href);
    const { config } = analyzeWorkspace({ cwd: root, paths: [root], fixes: 'none' });
    const engineLines = [...lines];
    const host = {
      workspaceRoot: root,
      readText: (path) => (path === file ? { ok: true, text: engineLines.join('\n') } : { ok: false, error: 'not in the benchmark' }),
      readDirectory: (path) => (path === root ? [{ name: 'main.tf', isDirectory: false }] : undefined),
    };
    const engineEdit = editor(engineLines);
    const engineTimes = [];
    let findings = 0;
    for (let k = 0; k < WARM_UP_EDITS + MEASURED_EDITS; k++) {
      engineEdit(k);
      const started = performance.now();
      findings = reviewModule({ dir: root, configFiles: [file], varFiles: [] }, { host, config, fixes: 'lazy' }).findings.length;
      if (k >= WARM_UP_EDITS) engineTimes.push(performance.now() - started);
    }
    engineTimes.sort((a, b) => a - b);

    const server = await startServer(root, { debounceMs: 0 });
    await server.scanDone;
    const uri = pathToFileURL(file).href;
    let version = 1;
    const opened = server.published(uri, version);
    await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version, text } });
    await opened;
    const nextEdit = editor(lines);
    const times = [];
    for (let k = 0; k < WARM_UP_EDITS + MEASURED_EDITS; k++) {
      const change = nextEdit(k);
      version++;
      const published = server.published(uri, version);
      const sent = performance.now();
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const { at } = await published;
      if (k >= WARM_UP_EDITS) times.push(at - sent);
    }
    await server.stop();
    times.sort((a, b) => a - b);
    return { lines: lines.length, findings, median: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1), engineMedian: percentile(engineTimes, 50), engineP95: percentile(engineTimes, 95) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function measureScan() {
  const root = mkdtempSync(join(tmpdir(), 'iac-review-bench-lsp-ws-'));
  try {
    const stats = writeCorpus(root, WORKSPACE_MODULES);
    const server = await startServer(root, {});
    const endedAt = await server.scanDone;
    const memory = memoryOf(server.pid);
    await server.stop();
    const reference = JSON.parse(execFileSync(process.execPath, [join(here, 'bench-worker.mjs'), 'engine', root, '1'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    return { stats, scanMs: endedAt - server.initializedAt, ...memory, reference };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
const ms = (v) => `${v.toFixed(1)} ms`;

console.log('');
console.log('language server (`iac-review lsp --stdio`, driven over JSON-RPC like an editor)');
const latency = await measureLatency();
const latencyMet = latency.median <= TARGETS.medianMs && latency.p95 <= TARGETS.p95Ms;
console.log(`didChange → publishDiagnostics, ${latency.lines}-line file, ${latency.findings} findings, debounce 0, ${MEASURED_EDITS} one-line edits after ${WARM_UP_EDITS} warm-up:`);
console.log(`  median ${ms(latency.median)} (target ≤ ${TARGETS.medianMs} ms), p95 ${ms(latency.p95)} (target ≤ ${TARGETS.p95Ms} ms), max ${ms(latency.max)}  ${verdict(latencyMet)}`);
console.log(`  reference: the engine's reviewModule on the same module and edits, in-process (no protocol): median ${ms(latency.engineMedian)}, p95 ${ms(latency.engineP95)}`);

const scan = await measureScan();
const memoryMet = scan.rssMb <= TARGETS.rssMb;
console.log(`start-up scan of a ${scan.stats.files}-file workspace (${WORKSPACE_MODULES} modules, ${scan.stats.lines} lines): ${(scan.scanMs / 1000).toFixed(1)} s`);
console.log(`  server RSS after the scan ${scan.rssMb.toFixed(0)} MB (target ≤ ${TARGETS.rssMb} MB), peak ${scan.peakMb.toFixed(0)} MB  ${verdict(memoryMet)}`);
console.log(`  reference: iac-review check's review of the same files in one pass ${scan.reference.medianMs.toFixed(0)} ms, peak RSS ${scan.reference.peakRssMb.toFixed(0)} MB`);

if (process.env.BENCH_STRICT && !(latencyMet && memoryMet)) process.exit(1);
