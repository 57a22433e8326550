// Real git repositories in temp dirs for diff-mode tests: a base commit, then a change.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

export class TestRepo {
  readonly root: string;

  /** A new repository in a temp dir; given `existing` (a checked-out submodule), that repository. */
  constructor(existing?: string) {
    this.root = existing ?? realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-git-')));
    if (!existing) this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.email', 'test@example.com');
    this.git('config', 'user.name', 'Test');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Writes files (path → text; null deletes). */
  write(files: Record<string, string | null>): this {
    for (const [path, text] of Object.entries(files)) {
      const abs = join(this.root, path);
      if (text === null) rmSync(abs, { force: true });
      else {
        mkdirSync(dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
    return this;
  }

  /** A symbolic link at `path` whose target is `target`, verbatim (git commits the target as the link's content). */
  symlink(path: string, target: string): this {
    const abs = join(this.root, path);
    mkdirSync(dirname(abs), { recursive: true });
    rmSync(abs, { force: true });
    symlinkSync(target, abs);
    return this;
  }

  /** Adds `sub` (another TestRepo, with commits) as a submodule at `path`, checked out, as `git submodule add` does. */
  addSubmodule(sub: TestRepo, path: string): this {
    this.git('-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', sub.root, path);
    return this;
  }

  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** Starts a feature branch from the current commit. */
  branch(name: string): this {
    this.git('checkout', '-q', '-b', name);
    return this;
  }
}

/** One git process started by the code under test, as GitAudit saw it. */
export interface GitCall {
  args: string[];
  /** `NAME=value` of every GIT_* variable in its environment. */
  gitEnv: string[];
}

/** A trace2 event of a git process (`child_start`: git started a program; category `index`: it read the index). */
export interface GitTraceEvent {
  event: string;
  category?: string;
  label?: string;
  argv?: string[];
}

/**
 * A `git` first on PATH that records every call (arguments, GIT_* environment)
 * and runs the real git with trace2 events on, so a test can see whether git
 * started any program (a hook, a filter, a pager, a fetch) or read the index.
 */
export class GitAudit {
  readonly dir: string;

  constructor() {
    this.dir = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-git-audit-')));
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const script = join(this.dir, 'git');
    writeFileSync(
      script,
      [
        '#!/bin/sh',
        `call=$(mktemp "${this.dir}/call.XXXXXX")`,
        'printf "%s\\0" "$@" > "$call"',
        'env | grep "^GIT_" > "$call.env"',
        `GIT_TRACE2_EVENT="${join(this.dir, 'trace2.jsonl')}" exec "${real}" "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(script, 0o755);
  }

  /** `base` with this git first on PATH. */
  env(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    return { ...base, PATH: `${this.dir}${delimiter}${base.PATH ?? ''}` };
  }

  calls(): GitCall[] {
    return readdirSync(this.dir)
      .filter((n) => /^call\.[^.]+$/.test(n))
      .map((n) => ({
        args: readFileSync(join(this.dir, n), 'utf8').split('\0').slice(0, -1),
        gitEnv: readFileSync(join(this.dir, `${n}.env`), 'utf8').split('\n').filter(Boolean),
      }));
  }

  events(): GitTraceEvent[] {
    let text = '';
    try {
      text = readFileSync(join(this.dir, 'trace2.jsonl'), 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as GitTraceEvent);
  }

  /** Forgets the calls seen so far. */
  reset(): void {
    for (const n of readdirSync(this.dir)) if (n !== 'git') rmSync(join(this.dir, n), { force: true });
  }
}
