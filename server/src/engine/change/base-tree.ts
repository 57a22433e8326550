import { isAbsolute, posix, relative, sep } from 'node:path';
import { decodeSource, isInside, MAX_SOURCE_BYTES, type ReadResult } from '../host.js';
import { SKIPPED_DIRECTORIES, sourceKind } from '../discover.js';
import { ChangeError, type Blob, type GitRepository, type TreeEntry } from './git.js';

/** A file of the base: where its blob is (a submodule's files are in the submodule's repository). */
export interface BaseFile {
  path: string;
  oid: string;
  repo: GitRepository;
}

interface BaseEntry extends TreeEntry {
  repo: GitRepository;
}

/** A submodule at the base of the change, and whether its own change can be reviewed. */
export interface BaseSubmodule {
  /** Repository-relative path of the submodule in the superproject. */
  path: string;
  /** The commit the base records for it. */
  commit: string;
  /**
   * `reviewed`: its files at that commit are part of the base.
   * `not-checked-out`: the working tree has no repository of it to read them from.
   * `commit-missing`: its repository lacks the commit (not fetched; a shallow clone).
   * `objects-missing`: the commit is there but some of its files are not (a partial clone).
   */
  state: 'reviewed' | 'not-checked-out' | 'commit-missing' | 'objects-missing';
}

/** Submodules inside submodules are followed this deep. */
const MAX_SUBMODULE_DEPTH = 8;
/** A chain of symbolic links is followed this far (Linux stops at 40). */
const MAX_LINK_HOPS = 40;
/** A symbolic link's target is a path, never long. */
const MAX_LINK_BYTES = 4096;

/**
 * The files of the base commit, with the files of its submodules at the
 * commits it records where those can be read, at the paths they have in the
 * working tree. Symbolic links are never read as files: a path through one
 * resolves to the file it leads to inside the repository, or to nothing
 * (as the working tree's review follows links only inside the workspace).
 */
export class BaseTree {
  private readonly entries = new Map<string, BaseEntry>();
  readonly submodules: BaseSubmodule[] = [];
  private readonly blobs = new Map<string, Blob | null>();
  private sources: Map<string, BaseFile> | undefined;

  private constructor(readonly root: string) {}

  /** A repository without commits: nothing at the base. */
  static empty(root: string): BaseTree {
    return new BaseTree(root);
  }

  static read(repo: GitRepository, commit: string): BaseTree {
    const tree = new BaseTree(repo.root);
    tree.addCommit(repo, commit, '', 0);
    tree.prefetchSources();
    return tree;
  }

  private addCommit(repo: GitRepository, commit: string, prefix: string, depth: number): void {
    for (const entry of repo.listTree(commit)) {
      const path = prefix + entry.path;
      if (entry.kind !== 'submodule') {
        this.entries.set(path, { ...entry, path, repo });
        continue;
      }
      if (depth >= MAX_SUBMODULE_DEPTH) continue;
      const sub = repo.openSubmodule(entry.path);
      const state: BaseSubmodule['state'] = !sub ? 'not-checked-out' : sub.hasCommit(entry.oid) ? 'reviewed' : 'commit-missing';
      this.submodules.push({ path, commit: entry.oid, state });
      if (sub && state === 'reviewed') this.addCommit(sub, entry.oid, path + '/', depth + 1);
    }
  }

  /**
   * Reads every Terraform source of the base in one batch per repository (the
   * base review reads them all). A superproject missing some is an error the
   * user must fix; a submodule missing some is not reviewed.
   */
  private prefetchSources(): void {
    // Link targets first (tiny, and needed to know which file each linked source is), then the sources.
    this.fetchAll([...this.entries.values()].filter((e) => e.kind === 'symlink'));
    const files = [...this.sourceFiles().values()];
    this.fetchAll(files);
    for (const f of files) {
      if (this.blobs.get(f.oid) || !this.entries.has(f.path)) continue; // read, or in a submodule already dropped
      const sub = this.submoduleOf(f.path);
      if (!sub) {
        throw new ChangeError(
          `${f.path} at the base of the change is not in the local repository (a partial clone?): fetch the base commit with its files (for example \`git fetch --refetch origin\`, or a clone without --filter).`,
        );
      }
      this.dropSubmodule(sub, 'objects-missing');
    }
  }

  /** One batch per repository. */
  private fetchAll(items: ReadonlyArray<{ oid: string; repo: GitRepository }>): void {
    const byRepo = new Map<GitRepository, string[]>();
    for (const item of items) {
      const oids = byRepo.get(item.repo);
      if (oids) oids.push(item.oid);
      else byRepo.set(item.repo, [item.oid]);
    }
    for (const [repo, oids] of byRepo) this.fetch(repo, oids);
  }

  private fetch(repo: GitRepository, oids: readonly string[]): void {
    const wanted = oids.filter((oid) => !this.blobs.has(oid));
    if (wanted.length === 0) return;
    const read = repo.readBlobs(wanted, MAX_SOURCE_BYTES);
    for (const oid of wanted) this.blobs.set(oid, read.get(oid) ?? null);
  }

  /** The innermost reviewed submodule holding `path`. */
  private submoduleOf(path: string): BaseSubmodule | undefined {
    let best: BaseSubmodule | undefined;
    for (const s of this.submodules) if (s.state === 'reviewed' && path.startsWith(s.path + '/') && (!best || s.path.length > best.path.length)) best = s;
    return best;
  }

  /** Takes a submodule's files out of the base; submodules inside it go with it (its note covers them). */
  private dropSubmodule(sub: BaseSubmodule, state: BaseSubmodule['state']): void {
    sub.state = state;
    const inside = (path: string) => path.startsWith(sub.path + '/');
    for (let i = this.submodules.length - 1; i >= 0; i--) if (inside(this.submodules[i]!.path)) this.submodules.splice(i, 1);
    for (const path of [...this.entries.keys()]) if (inside(path)) this.entries.delete(path);
    this.sources = undefined;
  }

  /** Every path of the base (files and symbolic links, not submodules), repository-relative. */
  paths(): IterableIterator<string> {
    return this.entries.keys();
  }

  /**
   * Terraform sources of the base by path, each resolved to the file it is
   * (through symbolic links inside the repository); directories no review
   * searches (`.terraform`, `node_modules`) are left out.
   */
  sourceFiles(): ReadonlyMap<string, BaseFile> {
    if (this.sources) return this.sources;
    const out = (this.sources = new Map<string, BaseFile>());
    for (const path of this.entries.keys()) {
      const parts = path.split('/');
      if (!sourceKind(parts[parts.length - 1]!) || parts.some((p) => SKIPPED_DIRECTORIES.has(p))) continue;
      const file = this.resolveFile(path);
      if (file) out.set(path, file);
    }
    return out;
  }

  /**
   * The regular file a repository-relative path leads to, following symbolic
   * links (in any component) as the file system would; undefined when it
   * leads nowhere, outside the repository or into a `.git` directory.
   */
  resolveFile(path: string): BaseFile | undefined {
    const resolved = this.resolveLinks(path);
    const entry = resolved === undefined ? undefined : this.entries.get(resolved);
    return entry?.kind === 'file' ? { path: entry.path, oid: entry.oid, repo: entry.repo } : undefined;
  }

  /** Whether a path (links already resolved) is a symbolic link of the base. */
  isSymlink(path: string): boolean {
    return this.entries.get(path)?.kind === 'symlink';
  }

  /**
   * The path, without symbolic links, that a repository-relative path leads
   * to ('' for the root) — a file or a directory, whether or not it exists —
   * or undefined when it leaves the repository, enters a `.git` directory,
   * uses a file as a directory, or chains too many links.
   */
  resolveLinks(path: string): string | undefined {
    let parts = path === '' ? [] : path.split('/');
    for (let hops = 0; hops <= MAX_LINK_HOPS; hops++) {
      let link: { at: number; entry: BaseEntry } | undefined;
      for (let i = 1; i <= parts.length && !link; i++) {
        const entry = this.entries.get(parts.slice(0, i).join('/'));
        if (!entry) continue;
        if (entry.kind === 'symlink') link = { at: i, entry };
        else if (i < parts.length) return undefined; // a file used as a directory
      }
      if (!link) return parts.join('/');
      const target = this.linkTarget(link.entry);
      if (target === undefined) return undefined;
      const next = this.insideRoot(posix.join(posix.dirname(link.entry.path), target), target);
      if (next === undefined) return undefined;
      parts = [...(next === '' ? [] : next.split('/')), ...parts.slice(link.at)];
      if (parts.some((p) => p.toLowerCase() === '.git')) return undefined;
    }
    return undefined;
  }

  /** A link target as a repository-relative path, or undefined when it leaves the repository. */
  private insideRoot(joined: string, target: string): string | undefined {
    if (isAbsolute(target)) return isInside(this.root, target) ? relative(this.root, target).split(sep).join('/') : undefined;
    const normal = posix.normalize(joined);
    if (normal === '..' || normal.startsWith('../')) return undefined;
    return normal === '.' ? '' : normal;
  }

  private linkTarget(entry: BaseEntry): string | undefined {
    this.fetch(entry.repo, [entry.oid]);
    const blob = this.blobs.get(entry.oid);
    if (!blob || !('data' in blob) || blob.data.length > MAX_LINK_BYTES || blob.data.includes(0)) return undefined;
    return blob.data.toString('utf8');
  }

  /** A base file's content, decoded as a source file is (size limit, UTF-8, no NUL bytes). */
  readText(file: BaseFile, maxBytes = MAX_SOURCE_BYTES): ReadResult {
    this.fetch(file.repo, [file.oid]);
    const blob = this.blobs.get(file.oid);
    if (!blob) return { ok: false, error: 'cannot read the file from git' };
    if ('tooLarge' in blob || blob.data.length > maxBytes) {
      const size = 'tooLarge' in blob ? blob.tooLarge : blob.data.length;
      return { ok: false, error: `file is ${(size / (1024 * 1024)).toFixed(1)} MB; files over ${(maxBytes / (1024 * 1024)).toFixed(1)} MB are not analysed` };
    }
    return decodeSource(blob.data);
  }
}
