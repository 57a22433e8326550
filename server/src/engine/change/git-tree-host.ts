import { join, relative, sep } from 'node:path';
import { isInside, MAX_SOURCE_BYTES, type DirEntry, type FileHost, type ReadResult } from '../host.js';
import type { BaseTree } from './base-tree.js';

/**
 * The files of the base of a change as a FileHost, at the paths they would
 * have in the working tree: the base is reviewed exactly like the change.
 * A symbolic link is listed as the working tree's host lists it (a link,
 * to a directory or not) and read as what it leads to inside the repository.
 */
export class GitTreeHost implements FileHost {
  readonly workspaceRoot: string;
  private readonly directories = new Map<string, DirEntry[]>();
  private readonly names = new Map<string, Set<string>>();

  constructor(private readonly tree: BaseTree) {
    this.workspaceRoot = tree.root;
    for (const path of tree.paths()) this.addFile(path);
    // A link to a directory is listed as the working tree's host lists it, so discovery treats both sides alike.
    for (const [dir, entries] of this.directories) {
      for (const entry of entries) {
        const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (entry.isDirectory || !tree.isSymlink(path)) continue;
        entry.isSymbolicLink = true;
        const target = tree.resolveLinks(path);
        entry.isDirectory = target !== undefined && this.directories.has(target);
      }
    }
  }

  readText(path: string, maxBytes = MAX_SOURCE_BYTES): ReadResult {
    const rel = this.relativePath(path);
    const file = rel === undefined ? undefined : this.tree.resolveFile(rel);
    if (!file) return { ok: false, error: 'file not found (it may have been deleted)' };
    return this.tree.readText(file, maxBytes);
  }

  readDirectory(path: string): DirEntry[] | undefined {
    const rel = this.relativePath(path);
    const resolved = rel === undefined ? undefined : this.tree.resolveLinks(rel);
    return resolved === undefined ? undefined : this.directories.get(resolved);
  }

  /** Where a path leads through the base's links (discovery enters each real directory once, as on disk). */
  realPath(path: string): string | undefined {
    const rel = this.relativePath(path);
    const resolved = rel === undefined ? undefined : this.tree.resolveLinks(rel);
    return resolved === undefined ? undefined : repoPath(this.workspaceRoot, resolved);
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
