import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

export { adversarialActionPatterns, CATASTROPHIC_USER_PATTERNS, craftedTexts, longActionTexts, prng } from './matching-inputs.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** A child process that has not finished after this long is hung: the test fails. */
export const HANG_LIMIT_MS = 30_000;

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
