// `npm run bench [DIR]`: the full review (parse, evaluate, every rule) over a
// corpus, and in the same run @cdktf/hcl2json's parse alone over the same
// files; prints both times, their ratio and peak RSS. Then the editor figures
// (scripts/bench-lsp.mjs): the language server's latency and memory; then the scale figures
// (scripts/bench-scale.mjs): 200,000 findings in one module, a 60,000-resource checklist; then
// reading plans (scripts/bench-plan.mjs): 50,000 resources, 200 MB; then reviewing the 50,000-resource plan with its
// code (scripts/bench-plan-review.mjs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './bench-corpus.mjs';

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

const measure = (side) =>
  JSON.parse(execFileSync(process.execPath, [join(here, 'bench-worker.mjs'), side, dir, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 26 }));

console.log(`corpus: ${generated ? 'generated' : dir} — ${stats.files} files, ${stats.lines} lines, ${(stats.bytes / 1e6).toFixed(1)} MB`);
console.log(`runs: ${runs} timed after one warm-up, median reported; each side in its own process`);
const engine = measure('engine');
const withFixes = measure('engine-fixes');
const hcl = measure('hcl2json');
const ratio = hcl.medianMs / engine.medianMs;
const fmt = (r) => `${r.medianMs.toFixed(0).padStart(7)} ms   peak RSS ${r.peakRssMb.toFixed(0)} MB`;
console.log(`iac-review full review (parse + evaluate + all rules):      ${fmt(engine)}   (${engine.count} findings)`);
console.log(`  … also computing every fix edit (JSON output, editors): ${fmt(withFixes)}   (${(hcl.medianMs / withFixes.medianMs).toFixed(1)}×)`);
console.log(`@cdktf/hcl2json parse only:                                 ${fmt(hcl)}`);
console.log(`ratio: full review is ${ratio.toFixed(1)}× faster than hcl2json parsing alone (target ≥ 10×) ${ratio >= 10 ? 'MET' : 'NOT MET'}`);
if (generated) rmSync(dir, { recursive: true, force: true });
// Matching: generated adversarial IAM patterns and user regexes, worst single case (scripts/bench-matching.mjs).
try {
  execFileSync(process.execPath, [join(here, 'bench-matching.mjs')], { stdio: 'inherit' });
} catch (e) {
  process.exitCode = e.status || 1;
}
try {
  execFileSync(process.execPath, [join(here, 'bench-lsp.mjs')], { stdio: 'inherit' });
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
if (process.env.BENCH_STRICT && ratio < 10) process.exit(1);
