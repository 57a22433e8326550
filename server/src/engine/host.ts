import { closeSync, fstatSync, openSync, readSync, readdirSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Files larger than this are not analysed (reported as an input error). */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
/** file()/templatefile() read at most this much. */
export const MAX_FUNCTION_FILE_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; error: string };

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

/**
 * The one way the engine reads files. The CLI uses the file system; the
 * language server overlays unsaved editor buffers. Workspace confinement and
 * size limits live here.
 */
export interface FileHost {
  /** Files outside this directory are never read by file()/templatefile(). */
  readonly workspaceRoot: string;
  readText(path: string, maxBytes?: number): ReadResult;
  readDirectory(path: string): DirEntry[] | undefined;
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as a Terraform source file: UTF-8 only, no NUL bytes, BOM removed. */
export function decodeSource(bytes: Uint8Array): ReadResult {
  const probe = Math.min(bytes.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (bytes[i] === 0) return { ok: false, error: BINARY_FILE };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return {
      ok: false,
      error: `invalid UTF-8 at line ${line}, byte ${at - lineStart + 1} of the line; Terraform requires UTF-8 source files`,
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode (truncated sequences at the cut are allowed with stream: true).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/**
 * The same limits for text that is already decoded (an editor's unsaved
 * buffer): size, NUL bytes, a leading BOM.
 */
export function checkSourceText(text: string, maxBytes = MAX_SOURCE_BYTES): ReadResult {
  const bytes = text.length > maxBytes / 3 ? Buffer.byteLength(text, 'utf8') : text.length;
  if (bytes > maxBytes) return { ok: false, error: tooLarge(bytes, maxBytes) };
  const probe = Math.min(text.length, 8192);
  for (let i = 0; i < probe; i++) {
    if (text.charCodeAt(i) === 0) return { ok: false, error: BINARY_FILE };
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

const BINARY_FILE = 'binary file (contains NUL bytes); not a Terraform source file';

function tooLarge(bytes: number, maxBytes: number): string {
  return `file is ${formatSize(bytes)}; files over ${formatSize(maxBytes)} are not analysed`;
}

function formatSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export class NodeFileHost implements FileHost {
  readonly workspaceRoot: string;

  constructor(workspaceRoot: string) {
    this.workspaceRoot = resolve(workspaceRoot);
  }

  readText(path: string, maxBytes = MAX_SOURCE_BYTES): ReadResult {
    let fd: number | undefined;
    try {
      // One open + fstat + read: the size check costs no extra system call.
      fd = openSync(path, 'r');
      const stat = fstatSync(fd);
      if (stat.isDirectory()) return { ok: false, error: describeFsError({ code: 'EISDIR' }) };
      if (stat.size > maxBytes) {
        return { ok: false, error: tooLarge(stat.size, maxBytes) };
      }
      const bytes = Buffer.allocUnsafe(stat.size);
      let read = 0;
      while (read < bytes.length) {
        const n = readSync(fd, bytes, read, bytes.length - read, read);
        if (n === 0) break;
        read += n;
      }
      return decodeSource(bytes.subarray(0, read));
    } catch (e) {
      return { ok: false, error: describeFsError(e) };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  readDirectory(path: string): DirEntry[] | undefined {
    try {
      return readdirSync(path, { withFileTypes: true }).map((d) => ({
        name: d.name,
        isDirectory: d.isDirectory(),
      }));
    } catch {
      return undefined;
    }
  }
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found (it may have been deleted)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: the file cannot be read';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot read file: ${(e as Error)?.message ?? String(e)}`;
  }
}
