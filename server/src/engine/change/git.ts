import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** A git problem the user must fix (unknown ref, not a repository): a usage error for the CLI. */
export class ChangeError extends Error {}

/**
 * Git as a child process. Repository configuration must not run commands
 * (a reviewed branch is untrusted): fsmonitor, external diff and textconv
 * drivers are switched off for every call.
 */
const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', '-c', 'diff.external=', '--no-pager'];

export class GitRepository {
  private constructor(readonly root: string) {}

  /** The repository containing `cwd`; ChangeError when there is none or git is missing. */
  static open(cwd: string): GitRepository {
    let top: string;
    try {
      top = execFileSync('git', [...SAFE, 'rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stderr?: string };
      if (err.code === 'ENOENT') throw new ChangeError('diff mode needs git, and no `git` command was found on PATH.');
      throw new ChangeError(`diff mode needs a git repository, and ${cwd} is not inside one (${firstLine(err.stderr)}).`);
    }
    return new GitRepository(resolve(top));
  }

  private run(args: string[], maxBuffer = 256 * 1024 * 1024): Buffer {
    return execFileSync('git', [...SAFE, ...args], { cwd: this.root, maxBuffer, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  private tryRun(args: string[]): string | undefined {
    try {
      return this.run(args).toString('utf8').trim();
    } catch {
      return undefined;
    }
  }

  hasCommits(): boolean {
    return this.tryRun(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']) !== undefined;
  }

  /** The commit a ref names, or undefined. */
  resolveCommit(ref: string): string | undefined {
    if (ref.startsWith('-')) return undefined;
    return this.tryRun(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]) || undefined;
  }

  mergeBase(a: string, b: string): string | undefined {
    return this.tryRun(['merge-base', a, b]) || undefined;
  }

  /** Paths (relative to the root, `/`-separated) of every file in a commit. */
  listFiles(commit: string): string[] {
    return this.run(['ls-tree', '-r', '-z', '--name-only', commit]).toString('utf8').split('\0').filter(Boolean);
  }

  /** The contents of files in a commit, read in one `git cat-file --batch`. */
  readFiles(commit: string, paths: readonly string[]): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    if (paths.length === 0) return out;
    const input = paths.map((p) => `${commit}:${p}\n`).join('');
    const data = execFileSync('git', [...SAFE, 'cat-file', '--batch'], { cwd: this.root, input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
    let at = 0;
    for (const path of paths) {
      const eol = data.indexOf(10, at);
      const header = data.subarray(at, eol).toString('utf8');
      at = eol + 1;
      const match = /^[0-9a-f]+ blob (\d+)$/.exec(header);
      if (!match) continue; // "missing" or not a blob
      const size = Number(match[1]);
      out.set(path, data.subarray(at, at + size));
      at += size + 1;
    }
    return out;
  }

  /** `git diff` of the working tree against a commit: file statuses (with renames) and zero-context hunks. */
  diffAgainst(commit: string): { nameStatus: string; patch: string } {
    const common = ['diff', '--no-ext-diff', '--no-textconv', '--no-color', '-M', commit];
    return {
      nameStatus: this.run([...common, '--name-status', '-z']).toString('utf8'),
      patch: this.run([...common, '-U0']).toString('utf8'),
    };
  }

  /** Files not tracked and not ignored: new in the change. */
  untrackedFiles(): string[] {
    return this.run(['ls-files', '--others', '--exclude-standard', '-z']).toString('utf8').split('\0').filter(Boolean);
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]!.replace(/^fatal: /, '').trim() || 'git failed';
}
