// The scale section of `npm run bench` (issue 10): generated modules far larger than a real one, each command
// run as `iac-review` runs, in its own process (wall time and peak RSS):
//  - `check --format json` on 200,000 buckets (200,000+ findings, each with its fix, and as many undecided items):
//    it must report them all (past ~110,000 it used to crash);
//  - `checklist` on 60,000 resources (120,000+ items): target under 20 s.
// Reference in the same run: the same command on a module a tenth the size. Linear work grows about 10× for
// 10× the input; a quadratic step shows as ~100×.
// usage: node scripts/bench-scale.mjs (after `npm run build`); BENCH_STRICT=1 exits 1 when a target is missed.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TARGETS = { checklistMs: 20_000 };
const PER_FILE = 50_000;

function writeBuckets(count) {
  const dir = mkdtempSync(join(tmpdir(), 'iac-review-bench-scale-'));
  for (let file = 0; file * PER_FILE < count; file++) {
    let text = '';
    for (let i = file * PER_FILE; i < Math.min(count, (file + 1) * PER_FILE); i++) text += `resource "aws_s3_bucket" "b${i}" {}\n`;
    writeFileSync(join(dir, `main${file}.tf`), text);
  }
  return dir;
}

/** Runs the CLI in a child process (bench-scale-worker.mjs records its time and peak RSS); returns those and its stdout. */
function cli(args, dir) {
  const out = join(dir, '.stdout');
  const result = join(dir, '.result.json');
  const fd = openSync(out, 'w');
  try {
    execFileSync(process.execPath, [join(here, 'bench-scale-worker.mjs'), result, ...args, dir], { cwd: dir, stdio: ['ignore', fd, 'inherit'] });
  } catch (e) {
    if (e.status !== 1) throw e; // 1: findings at or above --fail-on; anything else is a failure
  } finally {
    closeSync(fd);
  }
  const measured = JSON.parse(readFileSync(result, 'utf8'));
  return { ...measured, stdout: readFileSync(out, 'utf8') };
}

function findingsRun(count) {
  const dir = writeBuckets(count);
  try {
    const r = cli(['check', '--format', 'json', '--fail-on', 'never'], dir);
    const report = JSON.parse(r.stdout);
    return { ...r, stdout: undefined, findings: report.findings.length, complete: report.findings.filter((f) => f.ruleId === 'lifecycle/prevent-destroy').length === count };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checklistRun(count) {
  const dir = writeBuckets(count);
  try {
    const r = cli(['checklist', '--format', 'json'], dir);
    const items = JSON.parse(r.stdout).sections.flatMap((s) => s.items);
    return { ...r, stdout: undefined, items: items.length, complete: items.filter((i) => i.ruleId === 'lifecycle/prevent-destroy').length === count };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n) => n.toLocaleString('en');
const ms = (r) => `${r.ms.toFixed(0).padStart(6)} ms  peak RSS ${r.peakRssMb.toFixed(0)} MB`;
const verdict = (ok) => (ok ? 'MET' : 'NOT MET');

const findingsSmall = findingsRun(20_000);
const findingsLarge = findingsRun(200_000);
const checklistSmall = checklistRun(6_000);
const checklistLarge = checklistRun(60_000);

console.log('');
console.log('scale (generated modules of empty buckets, each command in its own process; reference: a tenth the size, same run)');
console.log(`check --format json, 200,000 buckets: ${fmt(findingsLarge.findings)} findings ${findingsLarge.complete ? 'all reported' : 'NOT ALL REPORTED'}  ${ms(findingsLarge)}`);
console.log(`  reference 20,000 buckets (${fmt(findingsSmall.findings)} findings): ${ms(findingsSmall)}; 10× the input took ${(findingsLarge.ms / findingsSmall.ms).toFixed(1)}× the time`);
const checklistMet = checklistLarge.complete && checklistLarge.ms < TARGETS.checklistMs;
console.log(`checklist, 60,000 resources: ${fmt(checklistLarge.items)} items  ${ms(checklistLarge)} (target < ${TARGETS.checklistMs / 1000} s) ${verdict(checklistMet)}`);
console.log(`  reference 6,000 resources (${fmt(checklistSmall.items)} items): ${ms(checklistSmall)}; 10× the input took ${(checklistLarge.ms / checklistSmall.ms).toFixed(1)}× the time`);
if (process.env.BENCH_STRICT && !(checklistMet && findingsLarge.complete)) process.exit(1);
