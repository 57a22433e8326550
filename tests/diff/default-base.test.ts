// The default base of a change (SPEC §7): the branch's upstream, else origin/HEAD, else a local main or master.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultBaseFor } from '../../server/src/engine/change/default-base.js';
import { ChangeError } from '../../server/src/engine/change/git.js';
import { reviewChange } from '../../server/src/engine/change/review-change.js';
import { workspaceDefaultBase } from '../../server/src/lsp/default-base-request.js';
import { GitAudit, TestRepo } from '../support/git-repo.js';
import { hostileRepo } from '../support/hostile-repo.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A repository with one commit on `branch`. */
function repoOn(branch: string): TestRepo {
  const repo = new TestRepo();
  dirs.push(repo.root);
  repo.git('symbolic-ref', 'HEAD', `refs/heads/${branch}`); // before the first commit: no `main` is ever created
  repo.write({ 'main.tf': 'locals {}\n' }).commit('first');
  return repo;
}

/** A clone of `origin` (origin/HEAD set, as `git clone` sets it), with the test identity. */
function cloneOf(origin: TestRepo): TestRepo {
  const parent = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-clone-')));
  dirs.push(parent);
  execFileSync('git', ['-c', 'protocol.file.allow=always', 'clone', '-q', origin.root, join(parent, 'clone')], { stdio: 'ignore' });
  return new TestRepo(join(parent, 'clone'));
}

function errorOf(fn: () => unknown): ChangeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ChangeError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('default base', () => {
  it("is the branch's upstream when it has one, before origin/HEAD", () => {
    const origin = repoOn('main');
    origin.git('branch', '-q', 'release');
    const clone = cloneOf(origin);
    clone.git('checkout', '-q', '-b', 'feature', '--track', 'origin/release');
    expect(defaultBaseFor(clone.root)).toEqual({ ref: 'origin/release', source: 'upstream' });
    // A subdirectory of the working tree finds the same repository.
    expect(defaultBaseFor(join(clone.root, '.'))).toEqual({ ref: 'origin/release', source: 'upstream' });
  });

  it("is the remote's default branch through origin/HEAD when the branch tracks nothing (whatever that branch is called)", () => {
    const origin = repoOn('trunk');
    const clone = cloneOf(origin);
    clone.git('checkout', '-q', '-b', 'feature', '--no-track');
    expect(defaultBaseFor(clone.root)).toEqual({ ref: 'origin/trunk', source: 'origin/HEAD' });
    // An upstream that was never fetched (its remote-tracking ref is missing) does not count.
    clone.git('config', 'branch.feature.remote', 'origin');
    clone.git('config', 'branch.feature.merge', 'refs/heads/never-fetched');
    expect(defaultBaseFor(clone.root)).toEqual({ ref: 'origin/trunk', source: 'origin/HEAD' });
    // The default is a ref the change review accepts.
    const change = reviewChange({ cwd: clone.root, base: defaultBaseFor(clone.root).ref });
    expect(change.baseCommit).toBe(clone.git('rev-parse', 'origin/trunk').trim());
  });

  it('is a local master (or main) in a repository without a remote', () => {
    const repo = repoOn('master');
    repo.branch('feature');
    expect(defaultBaseFor(repo.root)).toEqual({ ref: 'master', source: 'local branch' });
    repo.git('branch', '-q', 'main');
    expect(defaultBaseFor(repo.root)).toEqual({ ref: 'main', source: 'local branch' });
  });

  it('does not exist without upstream, origin/HEAD, main or master: a clear error naming what was looked for', () => {
    const repo = repoOn('trunk');
    repo.branch('feature');
    const error = errorOf(() => defaultBaseFor(repo.root));
    expect(error.message).toMatch(/no base to compare the change with in .*: the current branch has no upstream, there is no origin\/HEAD, and no local main or master branch\. Name one/);
    // The language server's request says the same for its folders.
    expect(errorOf(() => workspaceDefaultBase([repo.root])).message).toBe(error.message);
    expect(errorOf(() => workspaceDefaultBase([])).message).toMatch(/no workspace folder/);
  });

  it('a workspace folder outside any repository is skipped for one that has a base', () => {
    const outside = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-nogit-')));
    dirs.push(outside);
    const repo = repoOn('master');
    expect(workspaceDefaultBase([outside, repo.root])).toEqual({ base: 'master', source: 'local branch' });
    expect(errorOf(() => workspaceDefaultBase([outside])).message).toMatch(/not inside one/);
  });

  it('asks git through rev-parse only, and runs nothing a hostile repository configures', () => {
    const hostile = hostileRepo();
    dirs.push(hostile.repo.root);
    const audit = new GitAudit();
    dirs.push(audit.dir);
    const path = process.env.PATH;
    process.env.PATH = audit.env().PATH;
    try {
      expect(defaultBaseFor(hostile.repo.root).ref).toBe('main');
    } finally {
      process.env.PATH = path;
    }
    expect(hostile.ran()).toEqual([]);
    const subcommands = audit.calls().map((c) => c.args.find((a, i) => !a.startsWith('-') && c.args[i - 1] !== '-c') ?? '');
    expect(subcommands.length).toBeGreaterThan(0);
    for (const [i, sub] of subcommands.entries()) {
      if (sub === 'config') expect(audit.calls()[i]!.args.slice(-3).join(' ')).toMatch(/^--(system|global) --get-all safe\.directory$/);
      else expect(sub).toBe('rev-parse');
    }
  });
});
