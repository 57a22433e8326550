import { dirname, join, resolve } from 'node:path';
import { isInside, type FileHost, type PathOrigin } from '../host.js';
import { isPolicyFile } from './policy-file.js';

/** A pack's own settings file (SPEC §11): no leading dot, it is the package's content, not a hidden file. */
export const PACK_CONFIG_FILE = 'iac-review.json';

/** Policy files read from one pack at most: a pack is a handful of standards, not a file system to walk. */
const MAX_PACK_FILES = 200;
/** Folders below the pack's own that are searched for policy files. */
const MAX_PACK_DEPTH = 3;

/** An npm package name (`@acme/iac-standards`, `iac-standards`). */
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export interface FoundPack {
  /** Absolute path of the pack's directory. */
  dir: string;
  /** Its `iac-review.json`, when it has one. */
  configFile?: string;
  /** Its `*.policy.json` files, sorted. */
  policyFiles: string[];
}

export type PackLookup = { ok: true; pack: FoundPack } | { ok: false; error: string };

/** Whether an `extends` entry names a path (`./standards`, `../shared/iac`, `/opt/iac`) rather than a package. */
export function isPathReference(ref: string): boolean {
  return ref.startsWith('./') || ref.startsWith('../') || ref.startsWith('/') || ref === '.' || ref === '..';
}

/**
 * Finds the pack an `extends` entry names: a path relative to the
 * configuration's directory, or an npm package in `node_modules` of that
 * directory or a parent, up to the workspace root (as Node resolves packages,
 * but never above the reviewed repository). Only what the host lets the
 * review read is read: a pull request controls `node_modules`, so the pack is
 * data — its files are read, nothing in it is imported or run.
 */
export function findPack(host: FileHost, baseDir: string, ref: string, origin: PathOrigin): PackLookup {
  if (isPathReference(ref)) {
    const dir = resolve(baseDir, ref);
    // One policy file named directly is a pack of that file.
    if (isPolicyFile(dir)) return { ok: true, pack: { dir: dirname(dir), policyFiles: [dir] } };
    const entries = host.readDirectory(dir, origin);
    if (!entries) return { ok: false, error: `"${ref}" is not a readable directory (resolved to ${dir})` };
    return { ok: true, pack: collect(host, dir, origin) };
  }
  if (!PACKAGE_NAME.test(ref)) {
    return { ok: false, error: `"${ref}" is neither a preset ("recommended", "strict", "none"), a path (starting with ./ or ../) nor an npm package name` };
  }
  let current = resolve(baseDir);
  const root = host.workspaceRoot;
  for (;;) {
    const dir = join(current, 'node_modules', ...ref.split('/'));
    if (host.readDirectory(dir, origin)) return { ok: true, pack: collect(host, dir, origin) };
    const parent = dirname(current);
    if (parent === current || (origin === 'workspace' && !isInside(root, parent))) break;
    current = parent;
  }
  return { ok: false, error: `the package "${ref}" is not installed: no node_modules/${ref} in ${baseDir} or a parent folder of the workspace (install it with npm install --save-dev ${ref})` };
}

function collect(host: FileHost, dir: string, origin: PathOrigin): FoundPack {
  const pack: FoundPack = { dir, policyFiles: [] };
  const walk = (folder: string, depth: number) => {
    const entries = host.readDirectory(folder, origin) ?? [];
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.refused || pack.policyFiles.length >= MAX_PACK_FILES) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory) {
        if (depth < MAX_PACK_DEPTH && entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(path, depth + 1);
      } else if (isPolicyFile(entry.name)) pack.policyFiles.push(path);
      else if (depth === 0 && entry.name === PACK_CONFIG_FILE) pack.configFile = path;
    }
  };
  walk(dir, 0);
  return pack;
}
