// Measures iac-review on a corpus of real repositories (one folder per repository, e.g. laid out by
// ../shared/tools/make-corpus.py): per repository, modules per role, findings per role and the undecided
// items of `checklist`, for this build and optionally a baseline build, and the whole `check` process time
// of both, alternating runs (an A/B in one run).
//
//   node scripts/corpus-report.mjs CORPUS_DIR [BASELINE_CLI] [--runs N]
//
// The role of a finding is the role this build gives the module the finding is in.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const [corpusArg, baselineArg] = args;
if (!corpusArg) {
  console.error('usage: node scripts/corpus-report.mjs CORPUS_DIR [BASELINE_CLI] [--runs N]');
  process.exit(2);
}
const corpus = resolve(corpusArg);
const mine = resolve(dirname(new URL(import.meta.url).pathname), '..', 'dist', 'cli.js');
const baseline = baselineArg ? resolve(baselineArg) : undefined;
const ROLES = ['deployment', 'module', 'example', 'test'];

const json = (cli, dir, command) =>
  JSON.parse(execFileSync('node', [cli, command, '.', '--format', 'json', ...(command === 'check' ? ['--fail-on', 'never'] : [])], { cwd: dir, maxBuffer: 1 << 28 }).toString());
const undecidedCount = (report) => report.sections.flatMap((s) => s.items).filter((i) => i.kind === 'undecided').length;
const count = (items, key) => {
  const out = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};
const format = (counts) => [...ROLES, '?'].filter((r) => counts[r]).map((r) => `${r} ${counts[r]}`).join(', ') || '0';
const timeCheck = (cli, dir) => {
  const started = process.hrtime.bigint();
  spawnSync('node', [cli, 'check', '.', '--format', 'json', '--fail-on', 'never'], { cwd: dir, maxBuffer: 1 << 28 });
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const rows = [];
const totals = { mine: 0, base: 0 };
for (const repo of readdirSync(corpus).sort()) {
  const dir = join(corpus, repo);
  if (!statSync(dir).isDirectory()) continue;
  const check = json(mine, dir, 'check');
  const roleOf = new Map(check.modules.map((m) => [join(dir, m.dir), m.role]));
  const roleOfFile = (f) => roleOf.get(dirname(join(dir, f.file))) ?? '?';
  const row = {
    repo,
    modules: format(count(check.modules, (m) => m.role)),
    findings: `${format(count(check.findings, roleOfFile))} (${check.findings.length})`,
    undecided: undecidedCount(json(mine, dir, 'checklist')),
  };
  if (baseline) {
    const base = json(baseline, dir, 'check');
    row.baseFindings = `${format(count(base.findings, roleOfFile))} (${base.findings.length})`;
    row.baseUndecided = undecidedCount(json(baseline, dir, 'checklist'));
    const times = { mine: [], base: [] };
    for (let i = 0; i < runs; i++) {
      times.base.push(timeCheck(baseline, dir));
      times.mine.push(timeCheck(mine, dir));
    }
    row.ms = { mine: median(times.mine), base: median(times.base) };
    totals.mine += row.ms.mine;
    totals.base += row.ms.base;
  }
  rows.push(row);
}

const name = (repo) => repo.replace(/^[^+]*\+/, '');
if (baseline) {
  console.log('| repository | modules per role | findings by role, baseline (total) | findings by role, this build (total) | undecided items, baseline → this build | `check` ms, baseline → this build |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${name(r.repo)} | ${r.modules} | ${r.baseFindings} | ${r.findings} | ${r.baseUndecided} → ${r.undecided} | ${r.ms.base.toFixed(0)} → ${r.ms.mine.toFixed(0)} |`);
  }
  console.log(`\nWhole \`check\` process, sum of per-repository medians of ${runs} alternating runs: baseline ${totals.base.toFixed(0)} ms, this build ${totals.mine.toFixed(0)} ms (${(totals.mine / totals.base).toFixed(2)}×).`);
} else {
  console.log('| repository | modules per role | findings by role (total) | undecided items |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${name(r.repo)} | ${r.modules} | ${r.findings} | ${r.undecided} |`);
}
