// `npm run bench [DIR]`: first what a user waits for (scripts/bench-process.mjs): the whole `iac-review check
// DIR --format json` process, cold, against @cdktf/hcl2json parsing the same files in a fresh process (the
// fixed reference of issue 17), with the CLI's breakdown of where the time goes, and `check` of a one-file
// module against a bare `node -e 0`. Then the engine in-process after warm-up against hcl2json warm, each
// side in its own process (peak RSS is its own). Then the editor figures (scripts/bench-lsp.mjs), the
// matching and scale figures. BENCH_STRICT=1: exit 1 when a target is missed.
// Then reading plans (scripts/bench-plan.mjs): 50,000 resources, 200 MB; and reviewing the 50,000-resource plan
// with its code (scripts/bench-plan-review.mjs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './bench-corpus.mjs';
import { formatBreakdown, measureCorpus, measureOneFile, checkBreakdown, median } from './bench-process.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
let dir = process.argv[2] ? resolve(process.argv[2]) : undefined;
let generated = false;
let stats;
if (!dir) {
  dir = mkdtempSync(join(tmpdir(), 'iac-review-bench-'));
  generated = true;
  stats = writeCorpus(dir);
} else {
  stats = { files: 0, lines: 0, bytes: 0 };
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== '.terraform' && name !== '.git') walk(p);
      } else if (/\.(tf|tofu)$|\.tfvars$/.test(name)) {
        const text = readFileSync(p, 'utf8');
        stats.files++;
        stats.lines += text.split('\n').length;
        stats.bytes += Buffer.byteLength(text);
      }
    }
  };
  walk(dir);
}

const missed = [];
const target = (met, what) => {
  if (!met) missed.push(what);
  return met ? 'MET' : 'NOT MET';
};
const ms = (x) => `${x.toFixed(0)} ms`;
const range = (xs) => `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`;

console.log(`corpus: ${generated ? 'generated' : dir} — ${stats.files} files, ${stats.lines} lines, ${(stats.bytes / 1e6).toFixed(1)} MB`);
console.log(`\nWhat users run: whole processes, cold, ${runs} runs each, the sides alternating (median, then range)`);
const corpus = measureCorpus(dir, runs);
const processRatio = median(corpus.hclMs) / median(corpus.checkMs);
// Real modules (a DIR) must be 10× faster than parsing them; the generated corpus, dense with work for the parser, 15×.
const processTarget = generated ? 15 : 10;
console.log(`iac-review check DIR --format json, spawn to exit:        ${ms(median(corpus.checkMs)).padStart(8)}   (${range(corpus.checkMs)}; ${corpus.findings} findings)`);
console.log(`@cdktf/hcl2json parse only, fresh process (reference):     ${ms(median(corpus.hclMs)).padStart(8)}   (${range(corpus.hclMs)}; first parse call to last result)`);
console.log(`ratio: the whole check is ${processRatio.toFixed(1)}× faster than hcl2json parsing alone (target ≥ ${processTarget}×) ${target(processRatio >= processTarget, `check process ${processRatio.toFixed(1)}× < ${processTarget}×`)}`);
// For scale: iac-review's own parser measured as the reference is. At the target, the whole check (start-up,
// discovery, reading, parsing, evaluation, every rule, output) may cost at most this much times its parsing alone.
const parseMedian = median(corpus.parseMs);
console.log(`iac-review's parser alone, measured as the reference is:   ${ms(parseMedian).padStart(8)}   (${range(corpus.parseMs)}; loading the engine bundle included)`);
console.log(`  the reference is ${(median(corpus.hclMs) / parseMedian).toFixed(1)}× our parse alone; the target leaves the whole check ${(median(corpus.hclMs) / processTarget / parseMedian).toFixed(2)}× our parse alone, it takes ${(median(corpus.checkMs) / parseMedian).toFixed(1)}×`);
for (const line of formatBreakdown(checkBreakdown(dir))) console.log(line);

const one = measureOneFile(Math.max(runs, 11));
const oneMedian = median(one.checkMs);
const bareMedian = median(one.bareMs);
console.log(`\nOne-file module (${one.checkMs.length} runs each, alternating):`);
console.log(`iac-review check ONE --format json, spawn to exit:        ${ms(oneMedian).padStart(8)}   (${range(one.checkMs)}) target < 120 ms ${target(oneMedian < 120, `one-file check ${ms(oneMedian)} ≥ 120 ms`)}`);
console.log(`node -e 0, spawn to exit:                                  ${ms(bareMedian).padStart(8)}   (${range(one.bareMs)})`);
console.log(`check / bare node: ${(oneMedian / bareMedian).toFixed(2)}× (target ≤ 1.5×) ${target(oneMedian <= 1.5 * bareMedian, `one-file check ${(oneMedian / bareMedian).toFixed(2)}× node -e 0`)}`);
for (const line of formatBreakdown(one.breakdown)) console.log(line);

const finish = () => {
  if (generated) rmSync(dir, { recursive: true, force: true });
  if (missed.length) console.log(`\ntargets missed: ${missed.join('; ')}`);
  if (process.env.BENCH_STRICT && missed.length) process.exit(1);
};
// BENCH_SCALE_CORPUS=CORPUS: the 20,000-file workspace built from CORPUS (the ten repositories), CLI side
// (scripts/bench-workspace.mjs; the editor side is in scripts/bench-lsp.mjs).
if (process.env.BENCH_SCALE_CORPUS) {
  try {
    execFileSync(process.execPath, [join(here, 'bench-workspace.mjs'), process.env.BENCH_SCALE_CORPUS, String(runs)], { stdio: 'inherit' });
  } catch (e) {
    missed.push('20,000-file workspace check (see above)');
    if (!e.status) throw e;
  }
}
// BENCH_PROCESS_ONLY=1: the figures above only (a quick before/after of a change).
if (process.env.BENCH_PROCESS_ONLY) {
  finish();
  process.exit(process.exitCode ?? 0);
}

const measure = (side) =>
  JSON.parse(execFileSync(process.execPath, [join(here, 'bench-worker.mjs'), side, dir, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 26 }));

console.log(`\nIn-process, ${runs} runs timed after one warm-up, median reported; each side in its own process`);
const engine = measure('engine');
const withFixes = measure('engine-fixes');
const hcl = measure('hcl2json');
const ratio = hcl.medianMs / engine.medianMs;
const fmt = (r) => `${r.medianMs.toFixed(0).padStart(7)} ms   peak RSS ${r.peakRssMb.toFixed(0)} MB`;
console.log(`iac-review full review (parse + evaluate + all rules):      ${fmt(engine)}   (${engine.count} findings)`);
console.log(`  … also computing every fix edit (JSON output, editors): ${fmt(withFixes)}   (${(hcl.medianMs / withFixes.medianMs).toFixed(1)}×)`);
console.log(`@cdktf/hcl2json parse only, warm:                           ${fmt(hcl)}`);
console.log(`ratio: full review is ${ratio.toFixed(1)}× faster than hcl2json parsing alone, both warm`);
// Matching: generated adversarial IAM patterns and user regexes, worst single case (scripts/bench-matching.mjs).
try {
  execFileSync(process.execPath, [join(here, 'bench-matching.mjs')], { stdio: 'inherit' });
} catch (e) {
  process.exitCode = e.status || 1;
}
try {
  // With BENCH_SCALE_CORPUS, also the editor's start-up scan of the 20,000-file workspace built from it.
  const scale = process.env.BENCH_SCALE_CORPUS ? ['--scale', process.env.BENCH_SCALE_CORPUS] : [];
  execFileSync(process.execPath, [join(here, 'bench-lsp.mjs'), ...scale], { stdio: 'inherit' });
} catch (e) {
  process.exitCode = e.status || 1; // a missed target under BENCH_STRICT, or a failure it has printed
}
// Scale (issue 10): 200,000 findings in one module, a 60,000-resource checklist.
try {
  execFileSync(process.execPath, [join(here, 'bench-scale.mjs')], { stdio: 'inherit' });
} catch (e) {
  process.exitCode = e.status || 1;
}
// Plan reading (issue 15): a 50,000-resource plan and a 200 MB one (scripts/bench-plan.mjs).
try {
  execFileSync(process.execPath, [join(here, 'bench-plan.mjs')], { stdio: 'inherit' });
} catch (e) {
  process.exitCode = e.status || 1;
}
// Plan review (issue 15): the 50,000-resource plan fused with the code it is a plan of (scripts/bench-plan-review.mjs).
try {
  execFileSync(process.execPath, [join(here, 'bench-plan-review.mjs')], { stdio: 'inherit' });
} catch (e) {
  process.exitCode = e.status || 1;
}
// Rule documentation in a real VS Code (issue 13): needs the e2e tools, says so when they are missing.
try {
  execFileSync(process.execPath, [join(here, 'bench-rule-docs.mjs')], { stdio: 'inherit' });
} catch (e) {
  process.exitCode = e.status || 1;
}
finish();
