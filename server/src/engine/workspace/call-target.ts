import { resolve } from 'node:path';
import type { FileHost } from '../host.js';
import type { ModuleCallRef } from '../model/module.js';
import { localSourceDir } from '../model/local-source.js';

/** Where `terraform init` records the modules it installed, relative to the root module it ran in. */
export const MODULES_MANIFEST = '.terraform/modules/modules.json';

/** Whether a module directory is one `terraform init` installed (code that is not the workspace's own). */
export function isDownloadedDir(dir: string): boolean {
  return dir.includes('/.terraform/modules/');
}

/** The manifest is small (one entry per call); a larger file is not one. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface CallTarget {
  dir: string;
  /** Installed by `terraform init` (under `.terraform/modules`), not part of the workspace's own code. */
  downloaded: boolean;
}

/**
 * Resolves module calls to directories: a local `source` to the directory it
 * names; a registry or git source to where `terraform init` installed it,
 * when the root module's `.terraform/modules/modules.json` records the call.
 */
export class CallTargets {
  private readonly manifests = new Map<string, Map<string, string> | undefined>();

  constructor(private readonly host: FileHost) {}

  /**
   * `rootDir`: the outermost module of the call chain (where `terraform init`
   * would have run); `keyPath`: the call names from it to this call
   * (`["eks", "kms"]`), which is how the manifest keys its entries.
   */
  targetOf(moduleDir: string, call: ModuleCallRef, rootDir: string, keyPath: readonly string[]): CallTarget | undefined {
    const local = localSourceDir(moduleDir, call);
    if (local !== undefined) return { dir: local, downloaded: isDownloadedDir(moduleDir) };
    const installed = this.manifest(rootDir)?.get(keyPath.join('.'));
    return installed === undefined ? undefined : { dir: installed, downloaded: true };
  }

  private manifest(rootDir: string): Map<string, string> | undefined {
    if (this.manifests.has(rootDir)) return this.manifests.get(rootDir);
    const entries = readManifest(this.host, rootDir);
    this.manifests.set(rootDir, entries);
    return entries;
  }
}

/** Key → absolute directory of every module the manifest lists; undefined when there is no readable manifest. */
function readManifest(host: FileHost, rootDir: string): Map<string, string> | undefined {
  const read = host.readText(resolve(rootDir, MODULES_MANIFEST), MAX_MANIFEST_BYTES);
  if (!read.ok) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    return undefined;
  }
  const modules = (data as { Modules?: unknown })?.Modules;
  if (!Array.isArray(modules)) return undefined;
  const out = new Map<string, string>();
  for (const entry of modules) {
    const key = (entry as { Key?: unknown })?.Key;
    const dir = (entry as { Dir?: unknown })?.Dir;
    // The root module itself is the entry with an empty key.
    if (typeof key === 'string' && key !== '' && typeof dir === 'string') out.set(key, resolve(rootDir, dir));
  }
  return out;
}
