// The 20,000-file workspace of issue 17, CLI side: the repositories of a corpus (make-corpus.py's output) copied
// side by side until the workspace holds 20,000 source files (scripts/make-scale-workspace.mjs), then the whole
// `iac-review check DIR --format json` process timed as a user runs it, `runs` times, with its peak RSS
// (scripts/bench-scale-worker.mjs). Target: ≤ 5 s. The copies read as the corpus reads: the output must hold
// exactly `copies` × the corpus's findings (the instance limit is per call tree, so nothing depends on how many
// other repositories sit beside one).
// usage: node scripts/bench-workspace.mjs CORPUS [RUNS=3]   (npm run bench runs it when BENCH_SCALE_CORPUS is set)
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TARGET_MS = 5_000;

/** `iac-review ARGS DIR` in its own process, as the user runs it: wall time, peak RSS, and its stdout parsed. */
function check(dir, scratch) {
  const out = join(scratch, 'stdout.json');
  const result = join(scratch, 'result.json');
  const fd = openSync(out, 'w');
  try {
    execFileSync(process.execPath, [join(here, 'bench-scale-worker.mjs'), result, 'check', dir, '--format', 'json', '--fail-on', 'never'], {
      cwd: dir,
      stdio: ['ignore', fd, 'inherit'],
      env: { ...process.env, IAC_REVIEW_TIMINGS: '' },
    });
  } finally {
    closeSync(fd);
  }
  return { ...JSON.parse(readFileSync(result, 'utf8')), report: JSON.parse(readFileSync(out, 'utf8')) };
}

export function measureWorkspace(corpus, runs = 3) {
  const scratch = mkdtempSync(join(tmpdir(), 'iac-review-bench-20k-'));
  const workspace = join(scratch, 'workspace');
  try {
    const made = execFileSync(process.execPath, [join(here, 'make-scale-workspace.mjs'), resolve(corpus), workspace, '20000'], { encoding: 'utf8' });
    const [, copies, files] = /(\d+) copies of .*, (\d+) source files/.exec(made) ?? [];
    const alone = check(resolve(corpus), scratch).report.findings.length;
    check(workspace, scratch); // untimed: the files into the page cache, as a user's second command finds them
    const measured = [];
    for (let i = 0; i < runs; i++) measured.push(check(workspace, scratch));
    const findings = measured[0].report.findings.length;
    return {
      copies: Number(copies),
      files: Number(files),
      ms: measured.map((m) => m.ms),
      peakRssMb: measured.map((m) => m.peakRssMb),
      findings,
      findingsAlone: alone,
      complete: findings === Number(copies) * alone,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [corpus, runs = '3'] = process.argv.slice(2);
  if (!corpus) {
    console.error('usage: node scripts/bench-workspace.mjs CORPUS [RUNS=3]');
    process.exit(2);
  }
  const r = measureWorkspace(corpus, Number(runs));
  const ms = median(r.ms);
  const met = ms <= TARGET_MS;
  console.log(`\n20,000-file workspace (${r.copies} copies of ${corpus}, ${r.files} source files), check --format json, ${r.ms.length} runs:`);
  console.log(`  ${ms.toFixed(0)} ms median (${r.ms.map((x) => x.toFixed(0)).join(', ')}); peak RSS ${r.peakRssMb.map((x) => x.toFixed(0)).join(', ')} MB; target ≤ ${TARGET_MS} ms ${met ? 'MET' : 'NOT MET'}`);
  console.log(`  ${r.findings} findings = ${r.copies} × ${r.findingsAlone} (the corpus alone): ${r.complete ? 'every copy reads as the corpus reads' : 'NOT what the copies say alone'}`);
  if (!r.complete) process.exitCode = 1;
  if (process.env.BENCH_STRICT && !met) process.exitCode = 1;
}
