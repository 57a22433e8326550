import { basename, join, relative, sep } from 'node:path';
import { decodeSource, isInside, MAX_SOURCE_BYTES, type DirEntry, type FileHost, type ReadResult } from '../host.js';
import { sourceKind } from '../discover.js';
import { CONFIG_FILE_NAME } from '../config/load-config.js';
import type { GitRepository } from './git.js';

/**
 * The files of a commit as a FileHost, at the paths they would have in the
 * working tree: the base of a change is reviewed exactly like the change.
 * Terraform sources are read in one batch; other files (file(), templates) on demand.
 */
export class GitTreeHost implements FileHost {
  readonly workspaceRoot: string;
  private readonly files = new Set<string>();
  private readonly directories = new Map<string, DirEntry[]>();
  private readonly names = new Map<string, Set<string>>();
  private readonly contents = new Map<string, Buffer>();

  constructor(
    private readonly repo: GitRepository,
    private readonly commit: string | undefined,
  ) {
    this.workspaceRoot = repo.root;
    const paths = commit ? repo.listFiles(commit) : [];
    for (const path of paths) this.addFile(path);
    const sources = paths.filter((p) => sourceKind(basename(p)) || basename(p) === CONFIG_FILE_NAME);
    if (commit) for (const [path, data] of repo.readFiles(commit, sources)) this.contents.set(path, data);
  }

  readText(path: string, maxBytes = MAX_SOURCE_BYTES): ReadResult {
    const rel = this.relativePath(path);
    if (rel === undefined || !this.files.has(rel)) return { ok: false, error: 'file not found (it may have been deleted)' };
    let data = this.contents.get(rel);
    if (!data && this.commit) {
      data = this.repo.readFiles(this.commit, [rel]).get(rel);
      if (data) this.contents.set(rel, data);
    }
    if (!data) return { ok: false, error: 'cannot read the file from git' };
    if (data.length > maxBytes) return { ok: false, error: `file is larger than ${maxBytes} bytes; not analysed` };
    return decodeSource(data);
  }

  readDirectory(path: string): DirEntry[] | undefined {
    const rel = this.relativePath(path);
    return rel === undefined ? undefined : this.directories.get(rel);
  }

  private relativePath(path: string): string | undefined {
    return isInside(this.workspaceRoot, path) ? repoRelativePath(this.workspaceRoot, path) : undefined;
  }

  private addFile(path: string): void {
    this.files.add(path);
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      let entries = this.directories.get(dir);
      let names = this.names.get(dir);
      if (!entries || !names) {
        this.directories.set(dir, (entries = []));
        this.names.set(dir, (names = new Set()));
      }
      const name = parts[i]!;
      if (names.has(name)) continue;
      names.add(name);
      entries.push({ name, isDirectory: i < parts.length - 1 });
    }
  }
}

/** Absolute working-tree path of a repository-relative path. */
export function repoPath(root: string, rel: string): string {
  return join(root, ...rel.split('/'));
}

/** The repository-relative, `/`-separated path of an absolute one (the form git and FileChanges use). */
export function repoRelativePath(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}
