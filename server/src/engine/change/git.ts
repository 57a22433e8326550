import { lstatSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isInside } from '../host.js';
import { ChangeError, firstLine, GIT_TIMEOUT_MS, runGit, userSafeDirectories, type GitOutcome } from './git-process.js';

export { ChangeError };

/** What a path of a commit's tree is: a file, a symbolic link (its blob is the link's target), or a submodule (a gitlink: a commit of another repository). */
export type TreeEntryKind = 'file' | 'symlink' | 'submodule';

export interface TreeEntry {
  /** Relative to the repository root, `/`-separated. */
  path: string;
  kind: TreeEntryKind;
  /** The blob, or for a submodule the commit it records. */
  oid: string;
}

/** A blob read from the object store, or only its size when it is over the limit asked for. */
export type Blob = { data: Buffer } | { tooLarge: number };

const SMALL_OUTPUT = 1024 * 1024;
/** `ls-tree -r` of a very large monorepository stays well under this. */
const TREE_OUTPUT = 512 * 1024 * 1024;
/** Blobs are read in batches of at most this many bytes. */
const BATCH_BYTES = 64 * 1024 * 1024;

/**
 * A git repository, read only through plumbing that runs nothing the
 * repository configures (see git-process.ts): `rev-parse` (refs, objects,
 * the upstream of a branch), `merge-base`,
 * `ls-tree`, `cat-file --batch(-check)` on object names.
 */
export class GitRepository {
  private constructor(
    /** The working tree's top level. */
    readonly root: string,
    readonly gitDir: string,
    private readonly commonDir: string,
    private readonly safeDirectories: readonly string[],
  ) {}

  /** The repository containing `cwd`; ChangeError when there is none or git is missing. */
  static open(cwd: string): GitRepository {
    const safe = userSafeDirectories();
    const found = locate(cwd, safe);
    if (!found.ok) {
      if (found.missingGit) throw new ChangeError('diff mode needs git, and no `git` command was found on PATH.');
      if (found.timedOut) throw new ChangeError(`git did not answer within ${timeoutSeconds()} s in ${cwd}.`);
      throw new ChangeError(`diff mode needs a git repository, and ${cwd} is not inside one (${firstLine(found.stderr)}).`);
    }
    // core.worktree in a repository's config can name any directory as its top level.
    if (!isInside(found.root, realpathSync(cwd))) {
      throw new ChangeError(`git names ${found.root} as the top level of the repository holding ${cwd}, which does not contain it (core.worktree?).`);
    }
    return new GitRepository(found.root, found.gitDir, found.commonDir, safe);
  }

  /**
   * The repository of a submodule checked out at `rel` (repository-relative),
   * or undefined when there is none: not initialised, not a directory of its
   * own (a symbolic link), or its git directory lies outside this repository
   * and its `.git` (a `.git` file can point anywhere).
   */
  openSubmodule(rel: string): GitRepository | undefined {
    const dir = join(this.root, ...rel.split('/'));
    try {
      if (!lstatSync(dir).isDirectory() || realpathSync(dir) !== join(realpathSync(this.root), ...rel.split('/'))) return undefined;
      const dotGit = lstatSync(join(dir, '.git'));
      if (!dotGit.isDirectory() && !dotGit.isFile()) return undefined;
    } catch {
      return undefined;
    }
    const found = locate(dir, this.safeDirectories);
    if (!found.ok || found.root !== realpathSync(dir)) return undefined;
    const own = (p: string) => isInside(realpathSync(this.root), p) || isInside(this.gitDir, p) || isInside(this.commonDir, p);
    if (!own(found.gitDir) || !own(found.commonDir)) return undefined;
    return new GitRepository(found.root, found.gitDir, found.commonDir, this.safeDirectories);
  }

  private git(args: readonly string[], maxBuffer = SMALL_OUTPUT, input?: string): GitOutcome {
    return runGit({ cwd: this.root, args: [`--git-dir=${this.gitDir}`, ...args], maxBuffer, ...(input !== undefined ? { input } : {}) }, this.safeDirectories);
  }

  /** Output of a command that must succeed. */
  private run(args: readonly string[], maxBuffer = SMALL_OUTPUT, input?: string): Buffer {
    const out = this.git(args, maxBuffer, input);
    if (out.ok) return out.stdout;
    throw this.failure(args, out, maxBuffer);
  }

  /** Output of a query whose failure means "no" (an unknown ref, no common ancestor); git itself failing is still an error. */
  private query(args: readonly string[]): string | undefined {
    const out = this.git(args);
    if (out.ok) return out.stdout.toString('utf8').trim() || undefined;
    if (out.timedOut || out.missingGit || out.tooLarge) throw this.failure(args, out, SMALL_OUTPUT);
    return undefined;
  }

  private failure(args: readonly string[], out: Extract<GitOutcome, { ok: false }>, maxBuffer: number): ChangeError {
    const what = `git ${args[0]} in ${this.root}`;
    if (out.missingGit) return new ChangeError('diff mode needs git, and no `git` command was found on PATH.');
    if (out.timedOut) return new ChangeError(`${what} did not finish within ${timeoutSeconds()} s.`);
    if (out.tooLarge) return new ChangeError(`${what} printed more than ${Math.round(maxBuffer / (1024 * 1024))} MB; the repository is too large to review as a change.`);
    return new ChangeError(`${what} failed: ${firstLine(out.stderr)}`);
  }

  hasCommits(): boolean {
    return this.query(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']) !== undefined;
  }

  /** The commit a ref names, or undefined. */
  resolveCommit(ref: string): string | undefined {
    // An option, or `:path` / `:0:path`, which would read the index.
    if (ref.startsWith('-') || (ref.startsWith(':') && !ref.startsWith(':/'))) return undefined;
    return this.query(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  }

  /** Whether the object store holds this commit (a submodule's recorded commit may not have been fetched). */
  hasCommit(oid: string): boolean {
    return /^[0-9a-f]+$/.test(oid) && this.query(['rev-parse', '--verify', '--quiet', '--end-of-options', `${oid}^{commit}`]) !== undefined;
  }

  /**
   * The short name of the branch HEAD tracks (`origin/feature`), or undefined:
   * detached HEAD, no upstream configured, or its ref not fetched. Reads the
   * `branch.<name>.*` configuration only; nothing runs.
   */
  upstream(): string | undefined {
    return this.query(['rev-parse', '--symbolic-full-name', '--abbrev-ref', '@{upstream}']);
  }

  /**
   * The short name of what a symbolic ref points to (`origin/HEAD` →
   * `origin/main`), or undefined when the ref does not exist.
   */
  symbolicTarget(ref: string): string | undefined {
    if (ref.startsWith('-')) return undefined;
    return this.query(['rev-parse', '--verify', '--quiet', '--symbolic-full-name', '--abbrev-ref', '--end-of-options', ref]);
  }

  mergeBase(a: string, b: string): string | undefined {
    return this.query(['merge-base', a, b]);
  }

  /** Every file, symbolic link and submodule of a commit. */
  listTree(commit: string): TreeEntry[] {
    const out: TreeEntry[] = [];
    const records = this.run(['ls-tree', '-r', '-z', '--full-tree', commit], TREE_OUTPUT).toString('utf8').split('\0');
    for (const record of records) {
      const tab = record.indexOf('\t');
      if (tab < 0) continue;
      const [mode, , oid] = record.slice(0, tab).split(' ');
      const kind: TreeEntryKind | undefined = mode === '120000' ? 'symlink' : mode === '160000' ? 'submodule' : mode?.startsWith('100') ? 'file' : undefined;
      if (kind && oid) out.push({ path: record.slice(tab + 1), kind, oid });
    }
    return out;
  }

  /**
   * Blobs by object name, each read only when it is at most `maxBytes` long
   * (sizes first, with `--batch-check`). Objects the store lacks are absent
   * from the result.
   */
  readBlobs(oids: Iterable<string>, maxBytes: number): Map<string, Blob> {
    const wanted = [...new Set(oids)].filter((oid) => /^[0-9a-f]+$/.test(oid));
    const result = new Map<string, Blob>();
    if (wanted.length === 0) return result;
    const sizes = this.run(['cat-file', '--batch-check'], wanted.length * 100 + SMALL_OUTPUT, wanted.join('\n') + '\n').toString('utf8').split('\n');
    let batch: string[] = [];
    let batchBytes = 0;
    const flush = () => {
      if (batch.length) for (const [oid, data] of this.readBatch(batch, batchBytes)) result.set(oid, { data });
      batch = [];
      batchBytes = 0;
    };
    for (const line of sizes) {
      const [oid, type, size] = line.split(' ');
      if (!oid || type !== 'blob' || size === undefined) continue;
      const bytes = Number(size);
      if (bytes > maxBytes) {
        result.set(oid, { tooLarge: bytes });
        continue;
      }
      if (batchBytes + bytes > BATCH_BYTES) flush();
      batch.push(oid);
      batchBytes += bytes;
    }
    flush();
    return result;
  }

  private readBatch(oids: readonly string[], bytes: number): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    const data = this.run(['cat-file', '--batch'], bytes + oids.length * 100 + SMALL_OUTPUT, oids.join('\n') + '\n');
    let at = 0;
    while (at < data.length) {
      const eol = data.indexOf(10, at);
      if (eol < 0) break;
      const [oid, type, size] = data.subarray(at, eol).toString('utf8').split(' ');
      at = eol + 1;
      if (type === undefined || size === undefined) continue; // "<oid> missing"
      const length = Number(size);
      if (type === 'blob' && oid) out.set(oid, data.subarray(at, at + length));
      at += length + 1;
    }
    return out;
  }
}

type Located = { ok: true; root: string; gitDir: string; commonDir: string } | Extract<GitOutcome, { ok: false }>;

/** The top level and git directories of the repository git finds from `cwd` (discovery only: no command runs). */
function locate(cwd: string, safe: readonly string[]): Located {
  const out = runGit({ cwd, args: ['rev-parse', '--show-toplevel', '--absolute-git-dir', '--git-common-dir'], maxBuffer: SMALL_OUTPUT }, safe);
  if (!out.ok) return out;
  const [top, gitDir, commonDir] = out.stdout.toString('utf8').split('\n');
  if (!top || !gitDir || !commonDir) return { ok: false, stderr: 'git found no working tree' };
  return { ok: true, root: resolve(top), gitDir: resolve(gitDir), commonDir: resolve(cwd, commonDir) };
}

function timeoutSeconds(): number {
  return Math.round(GIT_TIMEOUT_MS / 1000);
}
