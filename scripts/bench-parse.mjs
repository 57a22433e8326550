// Parser micro-bench (not a test, wired into nothing). From the repository root:
//   node scripts/bench-parse.mjs [DIR] [--passes N] [--root SRC_ROOT] [--digest OUT]
// Bundles SRC_ROOT/server/src/engine/parse/parse-file.ts (default: this checkout) with esbuild, reads every
// .tf, .tofu and .tf.json file under DIR (default: the generated corpus of `npm run bench`, written to a temporary
// folder; /tmp/corpus11 for the ten public repositories) into memory once, and times parseSource over
// all of them for N warm passes (default 20), single thread. Prints median and min ms per pass, MB/s, GC time
// per pass, and the bytes one pass allocates (heap growth with a young generation large enough that no
// collection runs: the script re-runs itself with --expose-gc --max-semi-space-size=512 for that).
// --digest OUT writes one line per file, "path sha256-of-the-AST-JSON", and skips the timing: run it with
// --root pointing at an older source tree and at this one, then `cmp` the two files to prove the trees equal.
// --mutate M adds M broken variants of each file (deterministic deletions, insertions and truncations), so
// the comparison covers error recovery too.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { build } from 'esbuild';

const here = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const passes = Number(option('--passes', '20'));
const srcRoot = resolve(option('--root', here));
const digestOut = option('--digest', null);
const mutations = Number(option('--mutate', '0'));
// Without DIR, the generated corpus of `npm run bench` (scripts/bench-corpus.mjs), in the temporary folder below.
const given = args[0] === undefined ? undefined : resolve(args[0]);

// Allocation is only measurable without collections in between: re-run under the flags that make that so.
if (typeof globalThis.gc !== 'function' && digestOut === null) {
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=512', ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const work = mkdtempSync(join(tmpdir(), 'iac-review-bench-parse-'));
try {
  const bundle = join(work, 'parse.mjs');
  await build({
    entryPoints: [join(srcRoot, 'server/src/engine/parse/parse-file.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    // As scripts/build.mjs bundles it (constants inlined), so cold-start figures match the CLI's.
    minifySyntax: true,
    nodePaths: [join(here, 'node_modules')],
    outfile: bundle,
    logLevel: 'warning',
  });
  const { parseSource } = await import(bundle);
  let dir = given;
  if (dir === undefined) {
    dir = join(work, 'corpus');
    const { writeCorpus } = await import('./bench-corpus.mjs');
    writeCorpus(dir);
  }

  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/\.(tf|tofu|tf\.json)$/.test(name)) files.push({ path: p, text: readFileSync(p, 'utf8').replace(/^\uFEFF/, '') });
    }
  };
  walk(dir);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);

  if (digestOut !== null) {
    const lines = [];
    const digest = (name, text) => {
      const tree = parseSource(name, text);
      lines.push(`${name} ${createHash('sha256').update(JSON.stringify(tree)).digest('hex')}`);
    };
    let seed = 17;
    const random = (n) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % Math.max(n, 1);
    };
    const noise = ['{', '}', '"', '[', ']', '(', ')', '\n', '${', '%{', '<<EOT\n', '=', ',', '.', '*', '#', '/*', '~}', '\\', 'x'];
    for (const f of files) {
      const name = relative(dir, f.path);
      digest(name, f.text);
      for (let m = 0; m < mutations; m++) {
        const t = f.text;
        const at = random(t.length);
        const kind = m % 3;
        const text =
          kind === 0
            ? t.slice(0, at) + t.slice(at + 1 + random(20))
            : kind === 1
              ? t.slice(0, at) + noise[random(noise.length)] + t.slice(at)
              : t.slice(0, at);
        digest(`${name}#${m}`, text);
      }
    }
    writeFileSync(digestOut, lines.join('\n') + '\n');
    console.log(`${lines.length} trees digested to ${digestOut}`);
    process.exit(0);
  }

  console.log(`corpus: ${dir}, ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB; parser from ${srcRoot}`);
  // The CLI parses each file once, so the first (cold) pass is what a user waits for.
  const coldStarted = performance.now();
  for (const f of files) parseSource(f.path, f.text);
  const coldMs = performance.now() - coldStarted;
  console.log(`first pass (cold): ${coldMs.toFixed(1)} ms, ${(bytes / 1e6 / (coldMs / 1000)).toFixed(1)} MB/s`);
  for (let w = 0; w < 5; w++) for (const f of files) parseSource(f.path, f.text);

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
      `GC ${(gcMs / passes).toFixed(1)} ms per pass (${passes} passes${sink < 0 ? '' : ''})`,
  );

  globalThis.gc();
  const before = v8.getHeapStatistics().used_heap_size;
  const keep = [];
  for (const f of files) keep.push(parseSource(f.path, f.text));
  const after = v8.getHeapStatistics().used_heap_size;
  globalThis.gc();
  const retained = v8.getHeapStatistics().used_heap_size;
  console.log(
    `allocation: ${((after - before) / 1e6).toFixed(1)} MB per pass, of which ${((retained - before) / 1e6).toFixed(1)} MB is retained by the returned trees (${keep.length} files)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
