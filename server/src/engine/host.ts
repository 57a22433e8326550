import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Files larger than this are not analysed (reported as an input error). */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
/** file()/templatefile() read at most this much. */
export const MAX_FUNCTION_FILE_BYTES = 1024 * 1024;
/** Configuration files, answer keys and exercise markers: small JSON documents. */
export const MAX_JSON_FILE_BYTES = 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; error: string };
export type BytesResult = { ok: true; bytes: Buffer } | { ok: false; error: string };

/**
 * Whose path a read is for (SPEC §2). `workspace`: a path the reviewed code
 * supplies or the review found (a source file, a directory, `file()`, the
 * discovered `.iac-review.json`): it must resolve, links followed, inside the
 * workspace and outside its `.git/`. `user`: a path the user gave (`--config`,
 * `--key`, a setting), which may be anywhere. Both read only regular files.
 */
export type PathOrigin = 'workspace' | 'user';

export interface DirEntry {
  name: string;
  /** A directory, or a symbolic link to one inside the workspace. */
  isDirectory: boolean;
  /** A symbolic link (discovery walks real directories first, so a module is found where it really is). */
  isSymbolicLink?: boolean;
  /** Why the entry is not read: a link leading outside the workspace or into `.git/`, a link loop. */
  refused?: string;
}

/**
 * The one way the engine reads files. The CLI uses the file system; the
 * language server overlays unsaved editor buffers. Workspace confinement, the
 * regular-files-only rule and size limits live here.
 */
export interface FileHost {
  /** The workspace (SPEC §2): workspace-origin paths outside it, or inside its `.git/`, are never read. */
  readonly workspaceRoot: string;
  readText(path: string, maxBytes?: number, origin?: PathOrigin): ReadResult;
  readDirectory(path: string, origin?: PathOrigin): DirEntry[] | undefined;
  /**
   * The entry `name` of directory `path` as readDirectory lists it, without listing the whole directory when
   * there is no such entry: the configuration is looked for in every folder up to the root, and a folder such
   * as /tmp can hold tens of thousands of entries. Hosts without it are asked for the listing.
   */
  entryOf?(path: string, name: string, origin?: PathOrigin): DirEntry | undefined;
  /** The path with every link resolved, for hosts over a real file system (discovery's loop guard). */
  realPath?(path: string): string | undefined;
}

/**
 * path.relative(from, to) for the common case of a normalised path below `from` without computing it
 * (discovery and configuration ask for every file); any other case goes to path.relative.
 */
export function relativeBelow(from: string, to: string): string {
  if (to === from) return '';
  const prefix = from.endsWith(sep) ? from : from + sep;
  if (to.startsWith(prefix) && isPlainBelow(to)) return to.slice(prefix.length);
  return relative(from, to);
}

/** No `.` or `..` segment (and on Windows no `/`, a separator there too): a prefix says where such a path is. */
function isPlainBelow(path: string): boolean {
  return !path.includes(`${sep}..`) && !path.includes(`${sep}.${sep}`) && !path.endsWith(`${sep}.`) && (sep === '/' || !path.includes('/'));
}

export function isInside(root: string, path: string): boolean {
  // Every file a review reads asks: relativeBelow skips path.relative for a normalised path below the root.
  const rel = relativeBelow(root, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as a Terraform source file: UTF-8 only, no NUL bytes, BOM removed. */
export function decodeSource(bytes: Uint8Array): ReadResult {
  if (bytes.subarray(0, 8192).indexOf(0) >= 0) return { ok: false, error: BINARY_FILE };
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

/** Why a workspace path is not read (messages never quote what the path leads to). */
export const OUTSIDE_WORKSPACE = 'outside the analysed workspace; only files inside it are read';
export const LINK_OUTSIDE_WORKSPACE = 'a symbolic link leading outside the analysed workspace; only files inside it are read';
export const INSIDE_GIT_FOLDER = "inside the repository's .git folder, which is never read (it can hold credentials)";

/**
 * The file system, confined to the workspace: one root, or several when the
 * user names paths in different repositories (a path must lie in one of them;
 * `workspaceRoot` is the first, whose configuration applies).
 */
export class NodeFileHost implements FileHost {
  readonly workspaceRoot: string;
  private readonly roots: readonly string[];
  private resolvedRoots: readonly string[] | undefined;

  constructor(workspace: string | readonly string[]) {
    const roots = (typeof workspace === 'string' ? [workspace] : workspace).map((r) => resolve(r));
    if (roots.length === 0) throw new Error('NodeFileHost needs a workspace root');
    this.roots = roots;
    this.workspaceRoot = roots[0]!;
  }

  readText(path: string, maxBytes = MAX_SOURCE_BYTES, origin: PathOrigin = 'workspace'): ReadResult {
    if (origin === 'user') return readUserText(path, maxBytes);
    const where = this.locate(path);
    if (!where.ok) return { ok: false, error: where.error };
    // The real path has no links left: a link swapped in since is refused by O_NOFOLLOW, not followed.
    return decodeRead(readRegularFile(where.realPath, maxBytes, { followLinks: false, stat: where.stat }));
  }

  readDirectory(path: string, origin: PathOrigin = 'workspace'): DirEntry[] | undefined {
    const real = this.directoryToRead(path, origin);
    if (real === undefined) return undefined;
    let dirents: Dirent[];
    try {
      dirents = readdirSync(real, { withFileTypes: true });
    } catch {
      return undefined;
    }
    return dirents.map((d) => (d.isSymbolicLink() ? this.linkEntry(d.name, join(real, d.name), origin) : { name: d.name, isDirectory: d.isDirectory() }));
  }

  entryOf(path: string, name: string, origin: PathOrigin = 'workspace'): DirEntry | undefined {
    const real = this.directoryToRead(path, origin);
    if (real === undefined) return undefined;
    try {
      lstatSync(join(real, name));
    } catch {
      return undefined;
    }
    // There is something by that name: the listing says what, with its exact name (a case-insensitive file
    // system also finds `.IAC-REVIEW.JSON`) and the link rules of readDirectory.
    return this.readDirectory(path, origin)?.find((e) => e.name === name);
  }

  /** Where a directory to list really is: a user's anywhere, a workspace one only inside the workspace (locate). */
  private directoryToRead(path: string, origin: PathOrigin): string | undefined {
    if (origin === 'user') {
      try {
        return realpathSync.native(resolve(path));
      } catch {
        return undefined;
      }
    }
    const where = this.locate(path);
    return where.ok ? where.realPath : undefined;
  }

  realPath(path: string): string | undefined {
    try {
      // Discovery asks for every directory: the cached parent and one lstat, as for a read.
      return this.realPathOf(resolve(path)).real;
    } catch {
      return undefined;
    }
  }

  /**
   * Where a workspace path really is (every link followed), or why it is not
   * read: it does not exist, it leads outside the workspace, or into `.git/`
   * (any `.git` segment below the root: the repository's, a submodule's
   * gitdir file). The language server asks before laying a buffer over a path.
   */
  locate(path: string): { ok: true; realPath: string; stat?: Stats } | { ok: false; error: string; missing: boolean } {
    const abs = resolve(path);
    let real: string;
    let stat: Stats | undefined;
    try {
      ({ real, stat } = this.realPathOf(abs));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      return { ok: false, error: describeFsError(e), missing: code === 'ENOENT' || code === 'ENOTDIR' };
    }
    const root = this.realRoots().find((r) => isInside(r, real));
    if (root === undefined) {
      const lexicallyInside = this.roots.some((r) => isInside(r, abs)) || this.realRoots().some((r) => isInside(r, abs));
      return { ok: false, error: lexicallyInside ? LINK_OUTSIDE_WORKSPACE : OUTSIDE_WORKSPACE, missing: false };
    }
    if (GIT_ANYWHERE.test(real) && hasGitSegment(relative(root, real))) return { ok: false, error: INSIDE_GIT_FOLDER, missing: false };
    return stat ? { ok: true, realPath: real, stat } : { ok: true, realPath: real };
  }

  /**
   * The real path of `abs`. A review reads every file of a directory, so the
   * directory's real path is resolved once (and kept for a second: long
   * enough for a review, short enough for an editor whose tree changes) and a
   * file below it costs one lstat, which also says what the file is; only a
   * link is resolved in full. Throws the file system's error.
   */
  private realPathOf(abs: string): { real: string; stat?: Stats } {
    const parent = dirname(abs);
    if (parent === abs) return { real: realpathSync.native(abs) };
    const candidate = join(this.realDirectory(parent), basename(abs));
    const stat = lstatSync(candidate);
    return stat.isSymbolicLink() ? { real: realpathSync.native(candidate) } : { real: candidate, stat };
  }

  private readonly realDirectories = new Map<string, { real: string; until: number }>();

  private realDirectory(dir: string): string {
    return this.realDirectoryEntry(dir, Date.now()).real;
  }

  private realDirectoryEntry(dir: string, now: number): { real: string; until: number } {
    const cached = this.realDirectories.get(dir);
    if (cached && cached.until > now) return cached;
    if (this.realDirectories.size >= MAX_CACHED_DIRECTORIES) this.realDirectories.clear();
    // Component by component, as realpath does, but from the parent's cached answer: one lstat per directory
    // instead of one per component of its path; a link is resolved in full. An answer built on the parent's
    // lasts no longer than the parent's.
    const parent = dirname(dir);
    let entry: { real: string; until: number };
    if (parent === dir) entry = { real: realpathSync.native(dir), until: now + REAL_DIRECTORY_TTL_MS };
    else {
      const above = this.realDirectoryEntry(parent, now);
      const candidate = join(above.real, basename(dir));
      entry = { real: lstatSync(candidate).isSymbolicLink() ? realpathSync.native(candidate) : candidate, until: above.until };
    }
    this.realDirectories.set(dir, entry);
    return entry;
  }

  private realRoots(): readonly string[] {
    if (this.resolvedRoots) return this.resolvedRoots;
    const real: string[] = [];
    let complete = true;
    for (const root of this.roots) {
      try {
        real.push(realpathSync.native(root));
      } catch {
        // Not there (yet): nothing under it can be read; try again next time.
        real.push(root);
        complete = false;
      }
    }
    if (complete) this.resolvedRoots = real;
    return real;
  }

  private linkEntry(name: string, linkPath: string, origin: PathOrigin): DirEntry {
    const entry: DirEntry = { name, isDirectory: false, isSymbolicLink: true };
    if (origin === 'user') {
      entry.isDirectory = isDirectoryPath(linkPath);
      return entry;
    }
    const where = this.locate(linkPath);
    if (where.ok) entry.isDirectory = isDirectoryPath(where.realPath);
    else if (!where.missing) {
      // stat only (never a read): lets discovery say that a directory was skipped.
      entry.isDirectory = isDirectoryPath(linkPath);
      entry.refused = where.error;
    }
    return entry;
  }
}

/** How long a directory's real path is reused (see NodeFileHost.realPathOf). */
const REAL_DIRECTORY_TTL_MS = 1_000;
const MAX_CACHED_DIRECTORIES = 10_000;

const GIT_ANYWHERE = /\.git/i;

/** A path's `.git` segments, in any letter case (case-insensitive file systems). */
function hasGitSegment(rel: string): boolean {
  return rel.split(sep).some((segment) => segment.toLowerCase() === '.git');
}

function isDirectoryPath(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** A file the user named (`--config`, `--key`, a setting): anywhere, links followed, but only a regular file. */
export function readUserText(path: string, maxBytes = MAX_SOURCE_BYTES): ReadResult {
  return decodeRead(readRegularFile(resolve(path), maxBytes, { followLinks: true }));
}

function decodeRead(read: BytesResult): ReadResult {
  return read.ok ? decodeSource(read.bytes) : read;
}

// O_NONBLOCK: opening a FIFO (swapped in after the stat) returns at once instead of waiting for a writer.
// Windows has neither flag; it has no FIFOs in the file system either.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Reads a regular file of at most `maxBytes`: stat first (a FIFO, a device or
 * a socket is refused without being opened, so nothing blocks), open without
 * blocking, then check what was opened (the path may have been replaced in
 * between). With `followLinks: false` a symbolic link is refused, not followed.
 * `stat` is the path's lstat when the caller has just taken it.
 */
export function readRegularFile(path: string, maxBytes: number, options: { followLinks: boolean; stat?: Stats | undefined }): BytesResult {
  let fd: number | undefined;
  try {
    const before = options.stat ?? (options.followLinks ? statSync(path) : lstatSync(path));
    if (!before.isFile()) return { ok: false, error: notRegularFile(before) };
    if (before.size > maxBytes) return { ok: false, error: tooLarge(before.size, maxBytes) };
    fd = openSync(path, OPEN_FLAGS | (options.followLinks ? 0 : NO_FOLLOW));
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, error: notRegularFile(stat) };
    if (stat.size > maxBytes) return { ok: false, error: tooLarge(stat.size, maxBytes) };
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { ok: true, bytes: bytes.subarray(0, read) };
  } catch (e) {
    return { ok: false, error: describeFsError(e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function notRegularFile(stat: Stats): string {
  if (stat.isDirectory()) return describeFsError({ code: 'EISDIR' });
  const what = stat.isFIFO()
    ? 'a named pipe (FIFO)'
    : stat.isSocket()
      ? 'a socket'
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? 'a device'
        : stat.isSymbolicLink()
          ? 'a symbolic link'
          : 'a special file';
  return `${what}, not a regular file; only regular files are read`;
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
    case 'ELOOP':
      return 'a symbolic link loop (or too many links in a row); not read';
    case 'ENOTDIR':
      return 'file not found (a part of its path is not a directory)';
    default:
      return `cannot read file: ${(e as Error)?.message ?? String(e)}`;
  }
}
