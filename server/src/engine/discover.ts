import { basename, dirname, join, resolve, sep } from 'node:path';
import type { FileHost } from './host.js';

/** Directories never searched for modules. */
export const SKIPPED_DIRECTORIES = new Set(['.terraform', '.git', 'node_modules']);

export type SourceKind = 'config' | 'vars';

/** What kind of Terraform file a name is, if any (SPEC §1). */
export function sourceKind(name: string): SourceKind | undefined {
  if (/\.(tf|tofu)(\.json)?$/.test(name)) return 'config';
  if (name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || /\.auto\.tfvars(\.json)?$/.test(name)) return 'vars';
  return undefined;
}

export interface ModuleFiles {
  dir: string;
  /** Configuration files after the `.tofu` twin rule, sorted by name. */
  configFiles: string[];
  /** terraform.tfvars(.json) then *.auto.tfvars(.json) in lexical order (Terraform's load order). */
  varFiles: string[];
}

/**
 * Groups the files of one directory into a module: `x.tofu` replaces `x.tf`
 * (and `x.tofu.json` replaces `x.tf.json`), as OpenTofu loads them.
 */
export function moduleFilesOf(dir: string, names: string[]): ModuleFiles {
  const nameSet = new Set(names);
  const configFiles: string[] = [];
  const vars: string[] = [];
  for (const name of [...names].sort()) {
    const kind = sourceKind(name);
    if (kind === 'config') {
      const tofuTwin = name.replace(/\.tf(\.json)?$/, '.tofu$1');
      if (tofuTwin !== name && nameSet.has(tofuTwin)) continue;
      configFiles.push(join(dir, name));
    } else if (kind === 'vars') vars.push(name);
  }
  const first = ['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => vars.includes(n));
  const auto = vars.filter((n) => !first.includes(n)).sort();
  return { dir, configFiles, varFiles: [...first, ...auto].map((n) => join(dir, n)) };
}

/**
 * Finds the modules under the given paths. A directory is searched
 * recursively; a file stands for its directory's module.
 */
export function discoverModules(
  host: FileHost,
  paths: string[],
  included: (absPath: string) => boolean,
): { modules: ModuleFiles[]; missing: string[] } {
  const dirs = new Map<string, string[]>();
  const missing: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (depth > 64) return;
    const entries = host.readDirectory(dir);
    if (!entries) return;
    const names: string[] = [];
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) visit(abs, depth + 1);
      } else if (sourceKind(entry.name) && included(abs)) names.push(entry.name);
    }
    if (names.length) dirs.set(dir, names);
  };
  for (const p of paths) {
    const abs = resolve(p);
    const entries = host.readDirectory(abs);
    if (entries) {
      visit(abs, 0);
      continue;
    }
    const dir = dirname(abs);
    const siblings = host.readDirectory(dir);
    if (!siblings || !siblings.some((e) => e.name === basename(abs) && !e.isDirectory)) {
      missing.push(abs);
      continue;
    }
    if (!dirs.has(dir)) {
      dirs.set(
        dir,
        siblings.filter((e) => !e.isDirectory && sourceKind(e.name) && included(join(dir, e.name))).map((e) => e.name),
      );
    }
  }
  const modules = [...dirs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([dir, names]) => moduleFilesOf(dir, names))
    .filter((m) => m.configFiles.length > 0 || m.varFiles.length > 0);
  return { modules, missing };
}

/** The deepest directory containing every path. */
export function commonAncestor(paths: string[]): string {
  if (paths.length === 0) return resolve('.');
  let parts = resolve(paths[0]!).split(sep);
  for (const p of paths.slice(1)) {
    const other = resolve(p).split(sep);
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join(sep) || sep;
}

