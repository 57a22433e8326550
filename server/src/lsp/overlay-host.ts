import { basename, dirname } from 'node:path';
import { checkSourceText, MAX_SOURCE_BYTES, NodeFileHost, type DirEntry, type FileHost, type PathOrigin, type ReadResult } from '../engine/host.js';

/** The editor's open documents, by absolute path. */
export interface OpenBuffers {
  textOf(path: string): string | undefined;
  /** Paths of open documents (also those not yet on disk). */
  paths(): Iterable<string>;
}

/** One OverlayFileHost per workspace folder, made when first asked for, all over the same buffers. */
export function overlayHostsFor(buffers: OpenBuffers): (root: string) => OverlayFileHost {
  const hosts = new Map<string, OverlayFileHost>();
  return (root) => {
    let host = hosts.get(root);
    if (!host) hosts.set(root, (host = new OverlayFileHost(root, buffers)));
    return host;
  };
}

/**
 * The engine's FileHost with the editor's unsaved buffers laid over the disk:
 * a module is reviewed as the user sees it, siblings' unsaved edits included.
 * The workspace is the workspace folder (SPEC §2); a buffer is confined like
 * the file under it, so opening `x.tf -> /etc/passwd` shows nothing of it in
 * diagnostics or hovers.
 */
export class OverlayFileHost implements FileHost {
  private readonly disk: NodeFileHost;

  constructor(
    readonly workspaceRoot: string,
    private readonly buffers: OpenBuffers,
  ) {
    this.disk = new NodeFileHost(workspaceRoot);
  }

  readText(path: string, maxBytes = MAX_SOURCE_BYTES, origin: PathOrigin = 'workspace'): ReadResult {
    const text = this.buffers.textOf(path);
    if (text === undefined) return this.disk.readText(path, maxBytes, origin);
    if (origin === 'workspace') {
      const refused = this.refusal(path);
      if (refused) return { ok: false, error: refused };
    }
    return checkSourceText(text, maxBytes);
  }

  readDirectory(dir: string, origin: PathOrigin = 'workspace'): DirEntry[] | undefined {
    const entries = this.disk.readDirectory(dir, origin);
    const unsaved: DirEntry[] = [];
    for (const path of this.buffers.paths()) {
      if (dirname(path) !== dir) continue;
      const name = basename(path);
      if (!entries?.some((e) => e.name === name)) unsaved.push({ name, isDirectory: false });
    }
    if (!entries) return unsaved.length ? unsaved : undefined;
    return unsaved.length ? [...entries, ...unsaved] : entries;
  }

  entryOf(dir: string, name: string, origin: PathOrigin = 'workspace'): DirEntry | undefined {
    const onDisk = this.disk.entryOf(dir, name, origin);
    if (onDisk) return onDisk;
    for (const path of this.buffers.paths()) {
      if (dirname(path) === dir && basename(path) === name) return { name, isDirectory: false };
    }
    return undefined;
  }

  realPath(path: string): string | undefined {
    return this.disk.realPath(path);
  }

  /** Why a buffer's path is not read: the file under it (or, for a file not saved yet, its nearest existing folder) is refused. */
  private refusal(path: string): string | undefined {
    for (let p = path; ; p = dirname(p)) {
      const where = this.disk.locate(p);
      if (where.ok) return undefined;
      if (!where.missing || dirname(p) === p) return where.error;
    }
  }
}
