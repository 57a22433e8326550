// One measured side of `npm run bench`, in its own process so that peak RSS is its own.
// usage: node bench-worker.mjs engine|engine-fixes|hcl2json DIR RUNS
//        node bench-worker.mjs hcl2json-cold DIR — the fixed reference: one fresh process, every .tf/.tofu
//        file parsed once, timed from the first parse call to the last result (WASM initialisation included).
//        node bench-worker.mjs ours-parse-cold DIR — iac-review's own parser measured the same way (loading the
//        bundle included): what the whole check would have to cost to be as fast as parsing alone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [, , side, dir, runsArg] = process.argv;
const runs = Number(runsArg ?? 3);

function listFiles(d, pattern = /\.(tf|tofu)$|\.tfvars$/) {
  const out = [];
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) {
      if (name !== '.terraform' && name !== '.git') out.push(...listFiles(p, pattern));
    } else if (pattern.test(name)) out.push(p);
  }
  return out;
}

async function once() {
  const started = performance.now();
  let count = 0;
  if (side === 'engine' || side === 'engine-fixes') {
    const { analyzeWorkspace } = await import('../dist/engine.mjs');
    // `engine` is `iac-review check` (text, SARIF, GitHub, markdown output); `engine-fixes` also computes every fix edit (JSON output, editors).
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], fixes: side === 'engine' ? 'none' : 'eager', undecided: false });
    count = result.findings.length;
  } else {
    const { parse } = createRequire(import.meta.url)('@cdktf/hcl2json');
    for (const file of listFiles(dir)) {
      try {
        await parse(file, readFileSync(file, 'utf8'));
      } catch {
        /* a parse error still costs its parse */
      }
      count++;
    }
  }
  return { ms: performance.now() - started, count };
}

if (side === 'hcl2json-cold' || side === 'ours-parse-cold') {
  const files = listFiles(dir, /\.(tf|tofu)$/).map((file) => [file, readFileSync(file, 'utf8')]);
  const started = performance.now();
  if (side === 'ours-parse-cold') {
    const { parseSource } = await import('../dist/engine.mjs');
    // Never throws: problems are in the tree's errors, which the check reads like any other part of it.
    for (const [file, text] of files) parseSource(file, text);
  } else {
    const { parse } = createRequire(import.meta.url)('@cdktf/hcl2json');
    for (const [file, text] of files) {
      try {
        await parse(file, text);
      } catch {
        /* a parse error still costs its parse */
      }
    }
  }
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ side, ms, count: files.length, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

await once(); // warm-up (JIT, WASM instantiation)
const times = [];
let count = 0;
for (let i = 0; i < runs; i++) {
  const r = await once();
  times.push(r.ms);
  count = r.count;
}
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ side, medianMs: times[Math.floor(times.length / 2)], times, count, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
