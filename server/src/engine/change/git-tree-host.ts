import { join, relative, sep } from 'node:path';
import { isInside, MAX_SOURCE_BYTES, type DirEntry, type FileHost, type ReadResult } from '../host.js';
import type { BaseTree } from './base-tree.js';

/**
 * The files of the base of a change as a FileHost, at the paths they would
 * have in the working tree: the base is reviewed exactly like the change.
 * A symbolic link is listed as a file (as a directory listing of the working
 * tree shows it) and read as the file it leads to inside the repository.
 */
export class GitTreeHost implements FileHost {
  readonly workspaceRoot: string;
  private readonly directories = new Map<string, DirEntry[]>();
  private readonly names = new Map<string, Set<string>>();

  constructor(private readonly tree: BaseTree) {
    this.workspaceRoot = tree.root;
    for (const path of tree.paths()) this.addFile(path);
  }

  readText(path: string, maxBytes = MAX_SOURCE_BYTES): ReadResult {
    const rel = this.relativePath(path);
    const file = rel === undefined ? undefined : this.tree.resolveFile(rel);
    if (!file) return { ok: false, error: 'file not found (it may have been deleted)' };
    return this.tree.readText(file, maxBytes);
  }

  readDirectory(path: string): DirEntry[] | undefined {
    const rel = this.relativePath(path);
    return rel === undefined ? undefined : this.directories.get(rel);
  }

  private relativePath(path: string): string | undefined {
    return isInside(this.workspaceRoot, path) ? repoRelativePath(this.workspaceRoot, path) : undefined;
  }

  private addFile(path: string): void {
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
