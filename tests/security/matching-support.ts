import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A child process that has not finished after this long is hung: the test fails. */
export const HANG_LIMIT_MS = 30_000;

/** A small deterministic PRNG (mulberry32): the same adversarial inputs on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * IAM wildcard patterns built to make a backtracking matcher take
 * exponential or high-polynomial time: repeated and nested stars, long runs
 * of `*` and `?`, `*?*?` mixes, 30 and more stars between literals that
 * almost match, long literal parts, and random mixes.
 */
export function adversarialActionPatterns(seed = 10): string[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const out = new Set<string>();
  for (const service of ['ec2', 's3', 'iam', '*', 'e?2', '*3']) {
    for (const stars of [8, 20, 30, 64, 1000]) {
      out.add(`${service}:${'*'.repeat(stars)}Z`);
      out.add(`${service}:${'*?'.repeat(stars)}`);
      out.add(`${service}:${'*a'.repeat(stars)}*b`);
      out.add(`${service}:${'*e*s'.repeat(stars)}*Q`);
      out.add(`${service}:${'?'.repeat(stars)}*`);
      out.add(`${service}:*${'?'.repeat(stars)}x`);
      out.add(`${service}:${'*?*'.repeat(stars)}${'?'.repeat(stars)}Z`);
    }
    out.add(`${service}:${'Describe*'.repeat(50)}`);
    out.add(`${service}:${'*Get*Object'.repeat(40)}`);
    out.add(`${service}:${'D*e*s*c*r*i*b*e*I*n*s*t*a*n*c*e*s'.repeat(3)}*X`);
    out.add(`${service}:${'?'.repeat(5000)}`);
    out.add(`${service}:${'*'.repeat(20000)}`);
  }
  out.add('*'.repeat(50_000) + ':' + '*'.repeat(50_000) + 'Z');
  out.add(`${'*?'.repeat(100)}:${'*?'.repeat(100)}`);
  // Random mixes of stars, question marks and letters that action names hold.
  const alphabet = ['*', '*', '?', 'e', 's', 't', 'a', 'c', 'D', 'G', '*', '?'];
  for (let i = 0; i < 200; i++) {
    const length = 10 + Math.floor(random() * 190);
    let action = '';
    for (let j = 0; j < length; j++) action += pick(alphabet);
    out.add(`${pick(['ec2', 's3', 'iam', '*', 'ec?', 'lambda'])}:${action}`);
  }
  return [...out];
}

/** Long action-like texts a pattern is matched against (grantsAction, allowedActions, the checklist). */
export function longActionTexts(): string[] {
  return [
    `ec2:${'a'.repeat(10_000)}`,
    `ec2:${'a'.repeat(10_000)}Z`,
    `ec2:${'ab'.repeat(5_000)}`,
    `iam:${'PassRole'.repeat(1_000)}`,
    `s3:${'GetObject'.repeat(1_000)}X`,
  ];
}

/** Reference glob semantics by dynamic programming (no RegExp), for small cases: `*` any run, `?` one character. */
export function referenceGlob(pattern: string, text: string, caseInsensitive = true): boolean {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const t = caseInsensitive ? text.toLowerCase() : text;
  // row[j]: p[0..i) matches t[0..j)
  let row = new Array<boolean>(t.length + 1).fill(false);
  row[0] = true;
  for (let i = 1; i <= p.length; i++) {
    const next = new Array<boolean>(t.length + 1).fill(false);
    const c = p[i - 1];
    if (c === '*') {
      next[0] = row[0]!;
      for (let j = 1; j <= t.length; j++) next[j] = row[j]! || next[j - 1]!;
    } else {
      for (let j = 1; j <= t.length; j++) next[j] = row[j - 1]! && (c === '?' || c === t[j - 1]);
    }
    row = next;
  }
  return row[t.length]!;
}

/** Writes files (paths → contents) into a fresh temporary directory. */
export function writeTree(files: Record<string, string>, prefix = 'iac-review-matching-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A policy resource whose one Allow statement grants `actions` on Resource "*". */
export function policyModule(actions: readonly string[]): string {
  return `resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ${JSON.stringify(actions)}
      Resource = "*"
    }]
  })
}
`;
}

let bundled: string | undefined;

/**
 * The CLI bundled from the sources into a temporary directory (not dist/, so
 * test files building at the same time do not race), for runs in a child
 * process that can be killed when it hangs.
 */
export async function bundleCli(): Promise<string> {
  if (bundled) return bundled;
  const outfile = join(mkdtempSync(join(tmpdir(), 'iac-review-cli-')), 'cli.mjs');
  await esbuild.build({
    entryPoints: [join(ROOT, 'server/src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    mainFields: ['module', 'main'],
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  bundled = outfile;
  return outfile;
}

/** Runs the bundled CLI in `cwd`, killed after HANG_LIMIT_MS. */
export function runCli(cli: string, args: string[], cwd: string): SpawnSyncReturns<string> & { elapsedMs: number } {
  const start = Date.now();
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: HANG_LIMIT_MS,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return Object.assign(result, { elapsedMs: Date.now() - start });
}
