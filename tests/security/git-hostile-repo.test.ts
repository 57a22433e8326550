// Diff mode on a repository whose git configuration, hooks and attributes name
// programs to run (a pull request's checkout, a repository just cloned): the
// review must run none of them, in any output format, from the CLI or the engine.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reviewChange } from '../../server/src/engine/change/review-change.js';
import { LspTestClient } from '../lsp/lsp-client.js';
import { GitAudit, TestRepo } from '../support/git-repo.js';
import { policy, VERSIONS } from '../support/tagged-terraform.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github'];
/** A review that has not finished by then is hung. */
const HANG_LIMIT_MS = 30_000;


const HOOKS = [
  'post-index-change',
  'post-checkout',
  'pre-commit',
  'post-commit',
  'reference-transaction',
  'pre-auto-gc',
  'post-rewrite',
  'post-merge',
  'fsmonitor-watchman',
  'push-to-checkout',
];

/** Programs that leave a marker file when run; a filter passes its input through. */
class Markers {
  readonly dir = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-markers-')));
  private readonly bin = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-marker-bin-')));

  /** A program that creates the marker `name`; `then` is the rest of its script. */
  program(name: string, then = 'cat >/dev/null 2>&1; exit 0'): string {
    const path = join(this.bin, name);
    writeFileSync(path, `#!/bin/sh\ntouch "${join(this.dir, name)}"\n${then}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  seen(): string[] {
    return readdirSync(this.dir).sort();
  }
}

/**
 * A repository whose base commits `.gitattributes` enabling filter and diff
 * drivers for Terraform files and a hooks directory, and whose `.git/config`
 * (directly and through include.path) sets every program-running setting;
 * the change is in the working tree (edited, new and untracked files).
 */
function hostileRepo(): { repo: TestRepo; markers: Markers } {
  const markers = new Markers();
  const repo = new TestRepo();
  const hooks: Record<string, string> = {};
  for (const h of HOOKS) hooks[`.githooks/${h}`] = `#!/bin/sh\ntouch "${join(markers.dir, `committed-hook-${h}`)}"\n`;
  repo.write({
    '.gitattributes': '*.tf filter=proc diff=conv\n*.tfvars filter=cleaner diff=conv\n*.json filter=included\n',
    'versions.tf': VERSIONS,
    'iam.tf': policy('old', 's3:*'),
    'terraform.tfvars': 'region = "eu-west-1"\n',
    'policy.json': '{}\n',
    ...hooks,
  });
  for (const h of HOOKS) chmodSync(join(repo.root, '.githooks', h), 0o755);
  repo.commit('base');
  repo.branch('change');

  const config: Array<[string, string]> = [
    ['filter.proc.process', markers.program('filter-process', 'exit 1')],
    ['filter.proc.required', 'false'],
    ['filter.cleaner.clean', markers.program('filter-clean', 'cat')],
    ['filter.cleaner.smudge', markers.program('filter-smudge', 'cat')],
    ['diff.conv.textconv', markers.program('textconv', 'cat "$1"')],
    ['diff.conv.command', markers.program('diff-driver')],
    ['diff.external', markers.program('diff-external')],
    ['core.fsmonitor', markers.program('fsmonitor')],
    ['core.pager', markers.program('pager', 'cat')],
    ['pager.cat-file', markers.program('pager-cat-file', 'cat')],
    ['pager.ls-tree', markers.program('pager-ls-tree', 'cat')],
    ['core.hooksPath', '.githooks'],
    ['core.sshCommand', markers.program('ssh-command')],
    ['core.askPass', markers.program('askpass')],
    ['core.editor', markers.program('editor')],
    ['core.alternateRefsCommand', markers.program('alternate-refs')],
    ['credential.helper', `!${markers.program('credential-helper')}`],
    ['gc.auto', '1'],
    ['maintenance.auto', 'true'],
    ['include.path', 'included.config'],
  ];
  for (const [key, value] of config) repo.git('config', '--add', key, value);
  writeFileSync(join(repo.root, '.git', 'included.config'), `[filter "included"]\n\tclean = ${markers.program('included-filter', 'cat')}\n\tsmudge = ${markers.program('included-smudge', 'cat')}\n`);
  // Hooks in the default directory too, in case hooksPath were ignored.
  mkdirSync(join(repo.root, '.git', 'hooks'), { recursive: true });
  for (const h of HOOKS) {
    const path = join(repo.root, '.git', 'hooks', h);
    writeFileSync(path, `#!/bin/sh\ntouch "${join(markers.dir, `hook-${h}`)}"\n`);
    chmodSync(path, 0o755);
  }

  repo.write({
    'iam.tf': policy('old', 's3:GetObject'),
    'new.tf': policy('new', 'ec2:*'),
    'terraform.tfvars': 'region = "eu-west-2"\n',
    'policy.json': '{ "changed": true }\n',
  });
  return { repo, markers };
}

function runCli(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', timeout: HANG_LIMIT_MS, killSignal: 'SIGKILL' });
  expect(run.signal, `${args.join(' ')} was killed after ${HANG_LIMIT_MS} ms`).toBeNull();
  return run;
}

interface JsonReport {
  findings: Array<{ ruleId: string; file: string; range: { start: { line: number } }; address?: string }>;
}

const located = (r: JsonReport) => r.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}${f.address ? ` ${f.address}` : ''}`);

/** Subcommands that only read objects (see server/src/engine/change/git.ts). */
const PLUMBING = new Set(['rev-parse', 'merge-base', 'ls-tree', 'cat-file']);

/** The subcommand of a recorded call: the first argument after git's own options. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-c' || a === '-C') i++;
    else if (!a.startsWith('-')) return a;
  }
  return '';
}

let client: LspTestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

describe('diff mode on a hostile repository', () => {
  it('the repository really runs its programs under ordinary git (the payload is live)', () => {
    const { repo, markers } = hostileRepo();
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo.root, encoding: 'utf8', timeout: HANG_LIMIT_MS });
    // What diff mode used to run (the process filter fails, which stops a whole-tree diff early: one path at a time).
    for (const path of ['iam.tf', 'terraform.tfvars', 'policy.json']) git('diff', '-M', 'main', '--', path);
    // The hooks, with the failing process filter out of the way.
    git('-c', 'filter.proc.process=', 'checkout', '-q', '-b', 'other');
    expect(markers.seen()).toEqual(
      expect.arrayContaining(['filter-process', 'filter-clean', 'included-filter', 'fsmonitor', 'diff-external', 'committed-hook-post-checkout']),
    );
  });

  it('check --base in every format, checklist --base and reviewChange run none of them, and report what the change introduced', () => {
    const { repo, markers } = hostileRepo();
    const audit = new GitAudit();
    for (const format of FORMATS) {
      const run = runCli(repo.root, ['check', '--base', 'main', '--format', format], audit.env());
      expect(run.stderr).not.toMatch(/internal error/);
      expect([0, 1]).toContain(run.status);
      if (format === 'json') expect(located(JSON.parse(run.stdout) as JsonReport)).toEqual(['new.tf:6 iam/wildcard-action aws_iam_policy.new']);
      else expect(run.stdout).toContain('new.tf');
      expect(run.stdout).not.toContain('iam.tf');
    }
    const checklist = runCli(repo.root, ['checklist', '--base', 'main'], audit.env());
    expect(checklist.status).toBe(0);
    expect(checklist.stdout).toContain('aws_iam_policy.new');

    const path = process.env.PATH;
    process.env.PATH = audit.env().PATH;
    try {
      const review = reviewChange({ cwd: repo.root, base: 'main' });
      expect([...review.introduced].map((f) => `${f.ruleId} ${f.address}`)).toEqual(['iam/wildcard-action aws_iam_policy.new']);
      expect(review.files.changedLines.get('iam.tf')).toEqual(new Set([6]));
      expect(review.files.added).toEqual(new Set(['new.tf']));
    } finally {
      process.env.PATH = path;
    }

    expect(markers.seen()).toEqual([]);
    const calls = audit.calls();
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const sub = subcommand(call.args);
      if (sub === 'config') {
        // The user's own safe.directory exceptions, read from system/global configuration only.
        expect(call.args.slice(-3).join(' ')).toMatch(/^--(system|global) --get-all safe\.directory$/);
        continue;
      }
      expect(PLUMBING, call.args.join(' ')).toContain(sub);
      expect(call.args).not.toContain('--filters');
      expect(call.args).not.toContain('--textconv');
      expect(call.gitEnv).toContain('GIT_CONFIG_NOSYSTEM=1');
      expect(call.gitEnv).toContain('GIT_CONFIG_GLOBAL=/dev/null');
      expect(call.gitEnv).toContain('GIT_OPTIONAL_LOCKS=0');
    }
    const events = audit.events();
    expect(events.some((e) => e.event === 'start')).toBe(true);
    // git started no program (hook, filter, pager, fsmonitor, fetch) and never read the index.
    expect(events.filter((e) => e.event === 'child_start')).toEqual([]);
    expect(events.filter((e) => e.category === 'index')).toEqual([]);
  });

  it("the editor's checklist request with a base runs none of them either", async () => {
    const { repo, markers } = hostileRepo();
    client = await LspTestClient.start({ root: repo.root });
    const result: { folders: Array<{ checklist: { sections: Array<{ items: Array<{ ruleId?: string; file: string; introduced?: boolean }> }> } }> } =
      await client.connection.sendRequest('iacReview/checklist', { base: 'main' });
    const findings = result.folders[0]!.checklist.sections.flatMap((s) => s.items).filter((i) => i.ruleId);
    expect(findings.map((i) => `${i.file} ${i.ruleId} ${i.introduced}`)).toEqual(['new.tf iam/wildcard-action true']);
    expect(markers.seen()).toEqual([]);
  });

  it('a repository claiming to be a partial clone cannot make git fetch from a remote whose transport runs a command', () => {
    const markers = new Markers();
    const repo = new TestRepo();
    repo.write({ 'versions.tf': VERSIONS, 'iam.tf': policy('old', 's3:*') }).commit('base');
    repo.branch('change').write({ 'iam.tf': policy('old', 's3:GetObject') });
    const blob = repo.git('rev-parse', 'main:iam.tf').trim();
    repo.git('config', 'core.repositoryformatversion', '1');
    repo.git('config', 'extensions.partialClone', 'origin');
    repo.git('config', 'remote.origin.promisor', 'true');
    repo.git('config', 'remote.origin.url', `ext::${markers.program('ext-transport', 'exit 1')}`);
    repo.git('config', 'protocol.ext.allow', 'always');
    rmSync(join(repo.root, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));

    const run = runCli(repo.root, ['check', '--base', 'main', '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/iam\.tf at the base of the change is not in the local repository \(a partial clone\?\)/);
    expect(markers.seen()).toEqual([]);
    // Ordinary git does fetch the missing blob through that transport.
    spawnSync('git', ['cat-file', '-p', blob], { cwd: repo.root, timeout: HANG_LIMIT_MS });
    expect(markers.seen()).toEqual(['ext-transport']);
  });

  it('a base that names the index (`:path`, `:0:path`) is refused like an unknown ref', () => {
    const { repo, markers } = hostileRepo();
    for (const base of [':iam.tf', ':0:iam.tf']) {
      const run = runCli(repo.root, ['check', '--base', base]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`the base "${base}" is not a branch, tag or commit of this repository`);
    }
    expect(markers.seen()).toEqual([]);
  });
});
