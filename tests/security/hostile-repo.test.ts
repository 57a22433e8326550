// Acceptance of SECURITY.md on one repository built as an attacker would
// build a pull request (tests/support/hostile-repo.ts): every command a
// reviewer runs on it finishes, runs nothing the repository configured,
// quotes nothing from outside the workspace or from .git/, and says clearly
// what it refused.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionStepScript } from '../support/action-script.js';
import { FAKE_TOKEN, hostileRepo, OUTSIDE_SECRET, type HostileRepo } from '../support/hostile-repo.js';

const CLI = resolve(import.meta.dirname, '..', '..', 'dist', 'cli.js');
/** A run that takes longer than this is a hang (the bound); it is killed and the test fails. */
const HANG_LIMIT_MS = 30_000;

let hostile: HostileRepo;
beforeAll(() => {
  hostile = hostileRepo();
  expect(hostile.ran(), 'the setup itself must not trip the markers').toEqual([]);
});

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? hostile.repo.root,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: HANG_LIMIT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
  });
  const what = args.join(' ').slice(0, 80);
  expect(result.error, `${what} did not finish within ${HANG_LIMIT_MS} ms`).toBeUndefined();
  expect(result.signal, `${what} was killed`).toBeNull();
  return result;
}

function expectNothingLeaked(text: string, what: string): void {
  expect(text.includes(OUTSIDE_SECRET), `${what} quotes the file outside the workspace`).toBe(false);
  expect(text.includes(FAKE_TOKEN), `${what} quotes the token in .git/config`).toBe(false);
}

function expectNoCommandRan(what: string): void {
  expect(hostile.ran(), `${what} ran a command the repository configured`).toEqual([]);
}

interface JsonReport {
  findings: Array<{ ruleId: string; file: string }>;
  errors: Array<{ file: string; message: string; kind?: string }>;
}

describe('a hostile repository (SECURITY.md)', () => {
  for (const format of ['text', 'json', 'sarif', 'markdown', 'github']) {
    it(`check --base main --format ${format}: finishes, runs nothing, leaks nothing`, () => {
      const result = run(process.execPath, [CLI, 'check', '--base', 'main', '--format', format, '--fail-on', 'never']);
      expect(result.status, result.stderr).toBe(0);
      expectNothingLeaked(result.stdout + result.stderr, `check --format ${format}`);
      expectNoCommandRan(`check --format ${format}`);
      // The review still works: the change's wildcard policy is reported.
      expect(result.stdout).toContain('iam/wildcard-action');
    });
  }

  it('check --base main --format json: the refused inputs are clear errors, and an unchanged submodule introduces nothing', () => {
    const result = run(process.execPath, [CLI, 'check', '--base', 'main', '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(result.stdout) as JsonReport;
    const errorFor = (file: string) => report.errors.find((e) => e.file === file);
    expect(errorFor('x.tf')?.message, JSON.stringify(report.errors)).toMatch(/regular file|FIFO|named pipe/i);
    expect(errorFor('leak.tf')?.message, JSON.stringify(report.errors)).toMatch(/outside/i);
    expect([errorFor('x.tf')?.kind, errorFor('leak.tf')?.kind]).toEqual(['unreadable', 'unreadable']);
    expect(report.findings.filter((f) => f.file.startsWith('linked/') || f.file.startsWith('vendor/sub/'))).toEqual([]);
    expect(report.findings.filter((f) => f.file === 'iam.tf').map((f) => f.ruleId)).toContain('iam/wildcard-action');
  });

  for (const format of ['markdown', 'json']) {
    it(`checklist --base main --format ${format}: finishes, runs nothing, leaks nothing`, () => {
      const result = run(process.execPath, [CLI, 'checklist', '--base', 'main', '--format', format]);
      expect(result.status, result.stderr).toBe(0);
      expectNothingLeaked(result.stdout + result.stderr, `checklist --format ${format}`);
      expectNoCommandRan(`checklist --format ${format}`);
      expect(result.stdout).toContain('iam/wildcard-action');
    });
  }

  it('check from another working directory confines file() to the repository, not to the cwd', () => {
    const result = run(process.execPath, [CLI, 'check', hostile.repo.root, '--format', 'json', '--fail-on', 'never'], { cwd: '/' });
    expectNothingLeaked(result.stdout + result.stderr, 'check run from /');
    expectNoCommandRan('check run from /');
    expect((JSON.parse(result.stdout) as JsonReport).findings.length).toBeGreaterThan(0);
  });

  it("the GitHub Action's review script: finishes, runs nothing, leaks nothing into the summary, SARIF or annotations", () => {
    const temp = mkdtempSync(join(tmpdir(), 'iac-review-action-'));
    const output = join(temp, 'output');
    const summary = join(temp, 'summary.md');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const env = { ...process.env, IAC_REVIEW: CLI, BASE: 'main', PATHS: '.', CONFIG: '', FAIL_ON: 'error', RUNNER_TEMP: temp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary };
    const result = run('bash', ['-c', actionStepScript('review')], { env });
    expect(result.status, result.stderr).toBe(0);
    const sarif = readFileSync(join(temp, 'iac-review.sarif'), 'utf8');
    for (const [what, text] of [
      ['the annotations', result.stdout + result.stderr],
      ['the job summary', readFileSync(summary, 'utf8')],
      ['the SARIF', sarif],
    ] as const) {
      expectNothingLeaked(text, what);
    }
    expectNoCommandRan('the action');
    expect(readFileSync(output, 'utf8')).toMatch(/^status=1$/m);
    expect(sarif).toContain('iam/wildcard-action');
  });
});
