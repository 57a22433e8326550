// The editor side of `npm run bench` (issues 4 and 17): the language server
// (`iac-review lsp --stdio`) driven over JSON-RPC as an editor drives it.
//  - latency: didChange → publishDiagnostics for that version, debounce excluded (debounceMs 0), on a
//    3,000-line file and on a 2 MB file (bench-corpus.mjs's singleFileModule, seed 7, grown to 2 MB);
//    reference in the same run: the engine reviewing that module in-process, so the protocol's cost shows;
//  - memory: server RSS after its start-up scan of a ~2,000-file workspace, the scan's wall time and the
//    longest event-loop block during it, measured inside the server (IAC_REVIEW_LSP_TIMINGS set: the
//    iacReview/internalTimings request, loop-monitor.ts); reference: `iac-review check`'s review of the
//    same workspace (time, peak RSS) in its own process;
//  - with `--scale CORPUS` also the 20,000-file workspace of issue 17 (make-scale-workspace.mjs: CORPUS's
//    repositories copied side by side), built in a temporary folder and removed afterwards: scan wall
//    time, RSS, longest event-loop block.
// usage: node scripts/bench-lsp.mjs [--scale CORPUS] [--only latency,large,scan,scale] (after `npm run build`); BENCH_STRICT=1 exits 1 when a
// target is missed.
// --scan DIR (with --only none): the start-up scan of DIR itself.
// BENCH_LSP_PROFILE=DIR: the server runs with --cpu-prof and writes its CPU profile to DIR.
// BENCH_LSP_NODE_FLAGS='--flag …': Node/V8 flags for the server's process (e.g. `--max-semi-space-size=64`), to
// measure what a flag the editor could start the server with would change; none by default.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { singleFileModule, writeCorpus } from './bench-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, '..', 'dist', 'cli.js');
const SCALE_SCRIPT = join(here, 'make-scale-workspace.mjs');
const WORKSPACE_MODULES = 334; // 6 files each: 2,004 files
const LARGE_FILE_BYTES = 2 * 1024 * 1024;
const TARGETS = { medianMs: 20, p95Ms: 50, rssMb: 300, largeP95Ms: 150, scaleScanMs: 6000, scaleRssMb: 400, blockMs: 50 };

const args = process.argv.slice(2);
const scaleAt = args.indexOf('--scale');
const scaleCorpus = scaleAt >= 0 ? args[scaleAt + 1] : undefined;
// --only latency,large,scan,scale: some of the measurements (while working on one).
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : undefined;
const wanted = (part) => !only || only.has(part);
if ((scaleAt >= 0 && !scaleCorpus) || (onlyAt >= 0 && !only.size)) {
  console.error('usage: node scripts/bench-lsp.mjs [--scale CORPUS] [--only latency,large,scan,scale]');
  process.exit(2);
}

/** A minimal editor: spawns the server, answers progress creation, records publishes and progress. */
async function startServer(root, initializationOptions) {
  // IAC_REVIEW_LSP_TIMINGS: the server measures its event loop and answers iacReview/internalTimings.
  const child = spawn(process.execPath, [...(process.env.BENCH_LSP_NODE_FLAGS ? process.env.BENCH_LSP_NODE_FLAGS.split(' ') : []), ...(process.env.BENCH_LSP_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_LSP_PROFILE] : []), CLI, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, IAC_REVIEW_LSP_TIMINGS: '1' } });
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
  // The server says how many worker threads its scan runs on (`scan: N modules on K worker threads`).
  // A worker past its heap limit stops, and the server's thread reviews the rest of its share: the figures say so.
  let scanThreads = 'on the server\'s thread';
  let workersStopped = 0;
  connection.onNotification('window/logMessage', (p) => {
    const on = /^scan: \d+ modules (on \d+ worker threads?)/.exec(p.message ?? '');
    if (on) scanThreads = on[1];
    if ((p.message ?? '').startsWith('scan worker stopped')) workersStopped++;
  });
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
    scanThreads: () => (workersStopped ? `${scanThreads}, ${workersStopped} of them stopped early` : scanThreads),
    /** The server's own figures since the last reset (loop-monitor.ts). */
    timings: (reset = false) => connection.sendRequest('iacReview/internalTimings', { reset }),
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

/** The server's full garbage collections during the measured edits, and what the edits they fell in took. */
function gcLine({ full, fullPauseMs, withFull, without, scavengeMsPerEdit }) {
  const median = (list) => (list.length ? ms(percentile([...list].sort((a, b) => a - b), 50)) : '-');
  return (
    `garbage collection in the server: ${full} full collection${full === 1 ? '' : 's'} (pauses ${fullPauseMs.toFixed(1)} ms in all), in ${withFull.length} of the ${withFull.length + without.length} edits ` +
    `(those took ${median(withFull)} by median, the others ${median(without)}); scavenge pauses ${scavengeMsPerEdit.toFixed(1)} ms per edit`
  );
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

/** singleFileModule grown to at least `bytes`: the lines it needs, estimated from a short one, then checked. */
function moduleOfBytes(bytes) {
  const sample = singleFileModule(3000);
  let lines = Math.ceil((3000 * bytes) / Buffer.byteLength(sample));
  for (;;) {
    const text = singleFileModule(lines);
    if (Buffer.byteLength(text) >= bytes) return text;
    lines = Math.ceil(lines * 1.05);
  }
}

async function measureLatency(text, warmUpEdits, measuredEdits) {
  const root = mkdtempSync(join(tmpdir(), 'iac-review-bench-lsp-'));
  try {
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
    for (let k = 0; k < warmUpEdits + measuredEdits; k++) {
      engineEdit(k);
      const started = performance.now();
      findings = reviewModule({ dir: root, configFiles: [file], varFiles: [] }, { host, config, fixes: 'lazy' }).findings.length;
      if (k >= warmUpEdits) engineTimes.push(performance.now() - started);
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
    // Each measured edit's window, in milliseconds since the epoch (the server's clock too): the full garbage
    // collections the server reports are placed in the edits they fell in.
    const windows = [];
    let blockMs = 0;
    for (let k = 0; k < warmUpEdits + measuredEdits; k++) {
      if (k === warmUpEdits) {
        await server.timings(true);
        // Node's event-loop probe records nothing until its first tick after a reset: a block right after it
        // would go unseen (loop-monitor.ts).
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const change = nextEdit(k);
      version++;
      const published = server.published(uri, version);
      const sent = performance.now();
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      const { at } = await published;
      if (k >= warmUpEdits) {
        times.push(at - sent);
        windows.push([performance.timeOrigin + sent, performance.timeOrigin + at, at - sent]);
      }
    }
    const inside = await server.timings();
    blockMs = inside.eventLoopMaxMs;
    const withFull = windows.filter(([from, to]) => inside.gc.fullAt.some((t) => t >= from && t <= to)).map(([, , ms]) => ms);
    const without = windows.filter(([from, to]) => !inside.gc.fullAt.some((t) => t >= from && t <= to)).map(([, , ms]) => ms);
    const gc = { full: inside.gc.fullCount, fullPauseMs: inside.gc.fullPauseMs, withFull, without, scavengeMsPerEdit: inside.gc.scavengePauseMs / windows.length };
    const memory = memoryOf(server.pid);
    await server.stop();
    times.sort((a, b) => a - b);
    return {
      lines: lines.length,
      bytes: Buffer.byteLength(text),
      findings,
      median: percentile(times, 50),
      p95: percentile(times, 95),
      max: times.at(-1),
      blockMs,
      ...memory,
      engineMedian: percentile(engineTimes, 50),
      engineP95: percentile(engineTimes, 95),
      gc,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The server's start-up scan of `root`: wall time (initialized → progress end), RSS, the longest event-loop block during it. */
async function measureScan(root) {
  const server = await startServer(root, {});
  const endedAt = await server.scanDone;
  const memory = memoryOf(server.pid);
  const inside = await server.timings();
  const threads = server.scanThreads();
  await server.stop();
  return { scanMs: endedAt - server.initializedAt, ...memory, blockMs: inside.eventLoopMaxMs, threads };
}

async function measureGeneratedScan() {
  const root = mkdtempSync(join(tmpdir(), 'iac-review-bench-lsp-ws-'));
  try {
    const stats = writeCorpus(root, WORKSPACE_MODULES);
    const scan = await measureScan(root);
    const reference = JSON.parse(execFileSync(process.execPath, [join(here, 'bench-worker.mjs'), 'engine', root, '1'], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    return { stats, ...scan, reference };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function measureScaleScan(corpus) {
  const parent = mkdtempSync(join(tmpdir(), 'iac-review-bench-lsp-scale-'));
  const root = join(parent, 'workspace');
  try {
    const made = execFileSync(process.execPath, [SCALE_SCRIPT, corpus, root], { encoding: 'utf8' }).trim();
    return { made, ...(await measureScan(root)) };
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
const ms = (v) => `${v.toFixed(1)} ms`;
let allMet = true;
const check = (ok) => {
  allMet &&= ok;
  return verdict(ok);
};

console.log('');
console.log('language server (`iac-review lsp --stdio`, driven over JSON-RPC like an editor)');
if (wanted('latency')) {
  const latency = await measureLatency(singleFileModule(3000), 20, 200);
  console.log(`didChange → publishDiagnostics, ${latency.lines}-line file, ${latency.findings} findings, debounce 0, 200 one-line edits after 20 warm-up:`);
  console.log(
    `  median ${ms(latency.median)} (target ≤ ${TARGETS.medianMs} ms), p95 ${ms(latency.p95)} (target ≤ ${TARGETS.p95Ms} ms), max ${ms(latency.max)}, longest event-loop block ${ms(latency.blockMs)}  ${check(latency.median <= TARGETS.medianMs && latency.p95 <= TARGETS.p95Ms)}`,
  );
  console.log(`  reference: the engine's reviewModule on the same module and edits, in-process (no protocol): median ${ms(latency.engineMedian)}, p95 ${ms(latency.engineP95)}`);
  console.log(`  ${gcLine(latency.gc)}`);
}
if (wanted('large')) {
  const latency = await measureLatency(moduleOfBytes(LARGE_FILE_BYTES), 5, 40);
  console.log(`didChange → publishDiagnostics, 2 MB file (singleFileModule, seed 7: ${latency.lines} lines, ${(latency.bytes / 2 ** 20).toFixed(2)} MB), ${latency.findings} findings, debounce 0, 40 one-line edits after 5 warm-up:`);
  console.log(`  median ${ms(latency.median)}, p95 ${ms(latency.p95)} (target ≤ ${TARGETS.largeP95Ms} ms), max ${ms(latency.max)}, longest event-loop block ${ms(latency.blockMs)}  ${check(latency.p95 <= TARGETS.largeP95Ms)}`);
  console.log(`  server RSS after the edits ${latency.rssMb.toFixed(0)} MB, peak ${latency.peakMb.toFixed(0)} MB`);
  console.log(`  ${gcLine(latency.gc)}`);
  console.log(`  reference: the engine's reviewModule on the same module and edits, in-process (no protocol): median ${ms(latency.engineMedian)}, p95 ${ms(latency.engineP95)}`);
}
if (wanted('scan')) {
  const scan = await measureGeneratedScan();
  console.log(`start-up scan of a ${scan.stats.files}-file workspace (${WORKSPACE_MODULES} modules, ${scan.stats.lines} lines): ${(scan.scanMs / 1000).toFixed(1)} s, longest event-loop block ${ms(scan.blockMs)}`);
  console.log(`  server RSS after the scan ${scan.rssMb.toFixed(0)} MB (target ≤ ${TARGETS.rssMb} MB), peak ${scan.peakMb.toFixed(0)} MB  ${check(scan.rssMb <= TARGETS.rssMb)}`);
  console.log(`  reference: iac-review check's review of the same files in one pass ${scan.reference.medianMs.toFixed(0)} ms, peak RSS ${scan.reference.peakRssMb.toFixed(0)} MB`);
}
if (scaleCorpus && wanted('scale')) {
  const scan = await measureScaleScan(scaleCorpus);
  console.log(`start-up scan at scale (${scan.made}):`);
  console.log(`  ${(scan.scanMs / 1000).toFixed(1)} s ${scan.threads} (target ≤ ${TARGETS.scaleScanMs / 1000} s)  ${check(scan.scanMs <= TARGETS.scaleScanMs)}`);
  console.log(`  server RSS after the scan ${scan.rssMb.toFixed(0)} MB, peak ${scan.peakMb.toFixed(0)} MB (target ≤ ${TARGETS.scaleRssMb} MB)  ${check(scan.peakMb <= TARGETS.scaleRssMb)}`);
  console.log(`  longest event-loop block during the scan ${ms(scan.blockMs)} (target ≤ ${TARGETS.blockMs} ms)  ${check(scan.blockMs <= TARGETS.blockMs)}`);
}

// --scan DIR: the start-up scan of DIR itself (no target; to compare with `iac-review check DIR`).
const scanAt = args.indexOf('--scan');
if (scanAt >= 0) {
  const root = resolve(args[scanAt + 1]);
  const scan = await measureScan(root);
  console.log(`start-up scan of ${root}: ${(scan.scanMs / 1000).toFixed(2)} s ${scan.threads}, server RSS after ${scan.rssMb.toFixed(0)} MB, peak ${scan.peakMb.toFixed(0)} MB, longest event-loop block ${ms(scan.blockMs)}`);
}

if (process.env.BENCH_STRICT && !allMet) process.exit(1);
