import { basename, dirname } from 'node:path';
import { checkSourceText, MAX_SOURCE_BYTES, NodeFileHost, type DirEntry, type FileHost, type ReadResult } from '../engine/host.js';

/** The editor's open documents, by absolute path. */
export interface OpenBuffers {
  textOf(path: string): string | undefined;
  /** Paths of open documents (also those not yet on disk). */
  paths(): Iterable<string>;
}

/**
 * The engine's FileHost with the editor's unsaved buffers laid over the disk:
 * a module is reviewed as the user sees it, siblings' unsaved edits included.
 */
export class OverlayFileHost implements FileHost {
  private readonly disk: FileHost;

  constructor(
    readonly workspaceRoot: string,
    private readonly buffers: OpenBuffers,
  ) {
    this.disk = new NodeFileHost(workspaceRoot);
  }

  readText(path: string, maxBytes = MAX_SOURCE_BYTES): ReadResult {
    const text = this.buffers.textOf(path);
    return text === undefined ? this.disk.readText(path, maxBytes) : checkSourceText(text, maxBytes);
  }

  readDirectory(dir: string): DirEntry[] | undefined {
    const entries = this.disk.readDirectory(dir);
    const unsaved: DirEntry[] = [];
    for (const path of this.buffers.paths()) {
      if (dirname(path) !== dir) continue;
      const name = basename(path);
      if (!entries?.some((e) => e.name === name)) unsaved.push({ name, isDirectory: false });
    }
    if (!entries) return unsaved.length ? unsaved : undefined;
    return unsaved.length ? [...entries, ...unsaved] : entries;
  }
}
