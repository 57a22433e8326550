// What a user waits for (issue 17): the whole `iac-review check DIR --format json` process, cold, from spawn to
// exit, against the fixed reference — one fresh Node process parsing every .tf/.tofu file of DIR with
// @cdktf/hcl2json (scripts/bench-worker.mjs hcl2json-cold), beside iac-review's own parser timed the same way —
// and `check` of a one-file module against a bare `node -e 0`. The sides alternate run by run, so that load from
// elsewhere on the machine falls on all alike.
// Only the caches a user's installation has are used: the code cache shipped beside dist/cli.js, nothing an
// earlier run left (NODE_COMPILE_CACHE is cleared for every child).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { singleFileModule } from './bench-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, '..', 'dist', 'cli.js');

function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.NODE_COMPILE_CACHE;
  delete env.NODE_OPTIONS;
  delete env.IAC_REVIEW_TIMINGS;
  return { ...env, ...extra };
}

/** Wall time of one process, spawn to exit, in ms; its stdout and stderr. */
function timeProcess(args, env = childEnv()) {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const ms = performance.now() - started;
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr}`);
  return { ms, stdout: child.stdout, stderr: child.stderr };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** `check DIR --format json` once, with the CLI's own breakdown of where the time went (IAC_REVIEW_TIMINGS, stderr). */
export function checkBreakdown(dir) {
  const run = timeProcess([CLI, 'check', dir, '--format', 'json'], childEnv({ IAC_REVIEW_TIMINGS: '1' }));
  const line = run.stderr.split('\n').find((l) => l.startsWith('iac-review timings: '));
  return line ? { wallMs: run.ms, ...JSON.parse(line.slice('iac-review timings: '.length)) } : undefined;
}

/**
 * The whole process against hcl2json's cold parse of the same files, `runs` times each, alternating; and, for
 * scale, iac-review's own parser timed as the reference is (scripts/bench-worker.mjs ours-parse-cold).
 */
export function measureCorpus(dir, runs) {
  const check = [];
  const hcl = [];
  const parse = [];
  let findings = 0;
  const coldParse = (side) => JSON.parse(timeProcess([join(here, 'bench-worker.mjs'), side, dir]).stdout).ms;
  // One untimed run of each first: the files into the page cache, as a user's second command finds them.
  timeProcess([CLI, 'check', dir, '--format', 'json']);
  coldParse('hcl2json-cold');
  coldParse('ours-parse-cold');
  const sides = ['check', 'hcl', 'parse'];
  for (let i = 0; i < runs; i++) {
    // Each side goes first in turn.
    for (const side of [...sides.slice(i % 3), ...sides.slice(0, i % 3)]) {
      if (side === 'check') {
        const run = timeProcess([CLI, 'check', dir, '--format', 'json']);
        check.push(run.ms);
        findings = JSON.parse(run.stdout).findings.length;
      } else if (side === 'hcl') hcl.push(coldParse('hcl2json-cold'));
      else parse.push(coldParse('ours-parse-cold'));
    }
  }
  return { checkMs: check, hclMs: hcl, parseMs: parse, findings };
}

/** `check` on a one-file module (in the system's temporary folder, where such a check often runs) against `node -e 0`. */
export function measureOneFile(runs) {
  const dir = mkdtempSync(join(tmpdir(), 'iac-review-one-'));
  try {
    writeFileSync(join(dir, 'main.tf'), singleFileModule(150));
    const check = [];
    const bare = [];
    timeProcess([CLI, 'check', dir, '--format', 'json']);
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? ['bare', 'check'] : ['check', 'bare'];
      for (const side of order) {
        if (side === 'check') check.push(timeProcess([CLI, 'check', dir, '--format', 'json']).ms);
        else bare.push(timeProcess(['-e', '0']).ms);
      }
    }
    return { checkMs: check, bareMs: bare, breakdown: checkBreakdown(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The breakdown as lines: fixed phases first, then the rules (their total, and the five costliest). */
export function formatBreakdown(b) {
  if (!b) return ['  (no breakdown: the CLI did not report timings)'];
  const phases = Object.entries(b.phases);
  const rules = phases.filter(([k]) => k.startsWith('rule '));
  const others = phases.filter(([k]) => !k.startsWith('rule '));
  const rulesTotal = rules.reduce((s, [, v]) => s + v, 0);
  const accounted = phases.reduce((s, [, v]) => s + v, 0);
  const out = [`  one more run with IAC_REVIEW_TIMINGS=1: ${b.totalMs.toFixed(0)} ms in the process (${b.wallMs.toFixed(0)} ms spawn to exit)`];
  for (const [k, v] of others) out.push(`    ${k.padEnd(22)} ${v.toFixed(1).padStart(8)} ms`);
  out.push(`    ${'rules, all'.padEnd(22)} ${rulesTotal.toFixed(1).padStart(8)} ms  (${rules.length} rules; costliest: ${rules.slice(0, 5).map(([k, v]) => `${k.slice(5)} ${v.toFixed(1)}`).join(', ')})`);
  out.push(`    ${'exit, unaccounted'.padEnd(22)} ${Math.max(0, b.wallMs - accounted).toFixed(1).padStart(8)} ms`);
  return out;
}
