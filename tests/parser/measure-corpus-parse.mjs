// Parser speed on the `npm run bench` corpus (not a test). From the repository root:
//   node tests/parser/measure-corpus-parse.mjs [PASSES]
// Bundles server/src/engine/parse/parse-file.ts with esbuild, writes the
// generated corpus (scripts/bench-corpus.mjs) to a temporary directory, reads
// it into memory once and times parseSource over every file for PASSES warm
// passes (default 15), single thread. Prints median and min ms per pass, MB/s,
// GC time per pass, and an estimate of the bytes allocated by one pass (heap
// growth with a young generation large enough that no collection runs; needs
// `node --expose-gc --max-semi-space-size=256 …` for that line to be exact).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { build } from 'esbuild';
import { writeCorpus } from '../../scripts/bench-corpus.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
const passes = Number(process.argv[2] ?? 15);
const work = mkdtempSync(join(tmpdir(), 'iac-review-parse-speed-'));
try {
  const bundle = join(work, 'parse.mjs');
  await build({
    entryPoints: [join(root, 'server/src/engine/parse/parse-file.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    outfile: bundle,
    logLevel: 'warning',
  });
  const { parseSource } = await import(bundle);
  const dir = join(work, 'corpus');
  const stats = writeCorpus(dir);
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  console.log(`corpus: ${files.length} files, ${stats.lines} lines, ${(bytes / 1e6).toFixed(2)} MB`);

  for (let w = 0; w < 3; w++) for (const f of files) parseSource(f.path, f.text);

  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  const times = [];
  let sink = 0;
  for (let r = 0; r < passes; r++) {
    const started = performance.now();
    for (const f of files) sink += parseSource(f.path, f.text).body.length;
    times.push(performance.now() - started);
  }
  await new Promise((r) => setTimeout(r, 20));
  observer.disconnect();
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  console.log(
    `parse: median ${median.toFixed(1)} ms per pass, min ${times[0].toFixed(1)} ms, ${(bytes / 1e6 / (median / 1000)).toFixed(1)} MB/s, ` +
      `GC ${(gcMs / passes).toFixed(1)} ms per pass (${passes} passes)`,
  );

  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    const before = v8.getHeapStatistics().used_heap_size;
    const keep = [];
    for (const f of files) keep.push(parseSource(f.path, f.text));
    const after = v8.getHeapStatistics().used_heap_size;
    globalThis.gc();
    const retained = v8.getHeapStatistics().used_heap_size;
    console.log(`allocation: ~${((after - before) / 1e6).toFixed(0)} MB per pass, of which ~${((retained - before) / 1e6).toFixed(0)} MB is the returned trees (${keep.length} files)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
