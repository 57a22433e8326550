// The plan figures of `npm run bench` (issue 15): reading a 50,000-resource
// plan (scripts/make-plan.mjs) with the engine's readPlan, against the naive
// way (the whole text in a string, one JSON.parse building everything), each
// in its own process so peak RSS is its own; then a plan of at least 200 MB.
// Targets: ≤ 10 s and ≤ 1 GB for the 50,000-resource read.
// BENCH_PLAN_RESOURCES overrides 50,000; BENCH_PLAN_BIG_MB overrides 200 (0 skips it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { writePlan } from './make-plan.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const RESOURCES = Number(process.env.BENCH_PLAN_RESOURCES ?? 50_000);
const BIG_MB = Number(process.env.BENCH_PLAN_BIG_MB ?? 200);
const TARGET_MS = 10_000;
const TARGET_MB = 1024;

const dir = mkdtempSync(join(tmpdir(), 'iac-review-bench-plan-'));
try {
  // The reader bundled from the sources: dist/ exports the review, not the reader alone.
  const reader = join(dir, 'read-plan.mjs');
  await esbuild.build({
    entryPoints: [join(root, 'server/src/engine/plan/read-plan.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: reader,
    logLevel: 'warning',
  });
  const worker = join(here, 'bench-plan-worker.mjs');
  const measure = (how, file) => JSON.parse(execFileSync(process.execPath, [worker, how, file, reader], { encoding: 'utf8', maxBuffer: 1 << 24 }));
  const mb = (file) => statSync(file).size / 1e6;

  const file = join(dir, 'plan.json');
  writePlan(RESOURCES, file);
  console.log(`\nplan: ${RESOURCES} resources, ${mb(file).toFixed(0)} MB (scripts/make-plan.mjs)`);
  const engine = measure('readPlan', file);
  const naive = measure('JSON.parse', file);
  const line = (label, r) => `${label} ${r.ms.toFixed(0).padStart(6)} ms   peak RSS ${r.peakRssMb.toFixed(0).padStart(5)} MB`;
  const met = engine.ms <= TARGET_MS && engine.peakRssMb <= TARGET_MB;
  console.log(`${line('readPlan (members skipped, changes one by one):', engine)}   (${engine.changes} changes, ${engine.dataSources} data sources read while planning) target ≤ ${TARGET_MS / 1000} s, ≤ ${TARGET_MB} MB: ${met ? 'MET' : 'NOT MET'}`);
  console.log(`${line('whole text + JSON.parse (for comparison):      ', naive)}`);
  rmSync(file, { force: true });

  if (BIG_MB > 0) {
    // About 3.7 kB per resource in the generated plan: enough resources for BIG_MB.
    const big = join(dir, 'big.json');
    let n = Math.ceil((BIG_MB * 1e6) / 3600);
    writePlan(n, big);
    while (mb(big) < BIG_MB) writePlan((n = Math.ceil(n * 1.1)), big);
    const r = measure('readPlan', big);
    console.log(`${line(`readPlan, ${n} resources, ${mb(big).toFixed(0)} MB:`.padEnd(48), r)}   (must stay well under 2 GB)`);
  }
  if (!met) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
