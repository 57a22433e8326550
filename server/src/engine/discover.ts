import { basename, dirname, join, resolve } from 'node:path';
import type { FileHost } from './host.js';

/** Why a named path that exists is not searched, when the host cannot say more. */
const NOT_IN_WORKSPACE = 'it leads outside the analysed workspace, or into its .git folder';

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

/** A directory that discovery did not enter, and why (a link leading outside the workspace or into `.git/`). */
export interface RefusedPath {
  path: string;
  reason: string;
}

/** Directories deeper than this below a searched path are not searched. */
const MAX_DEPTH = 64;

/**
 * Walks the directories under `start` and hands each one's Terraform source
 * names to `onDirectory`: the one walk of the working tree (module discovery,
 * diff mode). Symbolic links inside the workspace are followed, real
 * directories first (a directory reached both ways is found where it really
 * is), and every directory is entered once by its real path, so link loops
 * and links to ancestors end instead of multiplying the walk. A link to a
 * directory the host refuses goes to `onRefused`; `skip` keeps a directory
 * out (diff mode: a submodule whose change is not reviewed).
 */
export function walkSourceDirectories(host: FileHost, start: string, visitor: SourceDirectoryVisitor): void {
  runSteps(walkSourceDirectoriesSteps(host, start, visitor));
}

export interface SourceDirectoryVisitor {
  onDirectory: (dir: string, sourceNames: string[]) => void;
  onRefused?: (path: string, reason: string) => void;
  skip?: (dir: string) => boolean;
}

/** Runs a stepwise walk to its end, on the spot. */
function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * walkSourceDirectories one directory per step: the language server's scan
 * of a large workspace yields to the event loop between steps (20,000 files
 * are hundreds of directories read), where the CLI runs them all at once.
 */
export function* walkSourceDirectoriesSteps(host: FileHost, start: string, visitor: SourceDirectoryVisitor): Generator<void, void> {
  const entered = new Set<string>();
  const links: Array<[string, number]> = [];
  const visit = function* (dir: string, depth: number): Generator<void, void> {
    if (depth > MAX_DEPTH || visitor.skip?.(dir)) return;
    const key = host.realPath?.(dir) ?? dir;
    if (entered.has(key)) return;
    entered.add(key);
    const entries = host.readDirectory(dir);
    if (!entries) return;
    const names: string[] = [];
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        if (entry.refused) visitor.onRefused?.(abs, entry.refused);
        else if (entry.isSymbolicLink) {
          // Only a host that knows real paths can tell a loop: without one, links are not followed.
          if (host.realPath) links.push([abs, depth + 1]);
        } else yield* visit(abs, depth + 1);
      } else if (sourceKind(entry.name)) names.push(entry.name);
    }
    if (names.length) visitor.onDirectory(dir, names);
    yield;
  };
  yield* visit(start, 0);
  for (let link = links.shift(); link; link = links.shift()) yield* visit(link[0], link[1]);
}

/**
 * Finds the modules under the given paths. A directory is searched
 * recursively (walkSourceDirectories); a file stands for its directory's
 * module. A link to a directory the host refuses is reported.
 */
export function discoverModules(host: FileHost, paths: string[], included: (absPath: string) => boolean): Discovery {
  return runSteps(discoverModulesSteps(host, paths, included));
}

export interface Discovery {
  modules: ModuleFiles[];
  missing: string[];
  refused: RefusedPath[];
}

/** discoverModules one directory per step (see walkSourceDirectoriesSteps). */
export function* discoverModulesSteps(host: FileHost, paths: string[], included: (absPath: string) => boolean): Generator<void, Discovery> {
  // Each directory's module is made in the step that reads it: the last step only sorts (made there, for
  // 20,000 files, it held an editor's event loop for 140 ms).
  const dirs = new Map<string, ModuleFiles>();
  const missing: string[] = [];
  const refused: RefusedPath[] = [];
  const walk = (start: string) =>
    walkSourceDirectoriesSteps(host, start, {
      onDirectory: (dir, sources) => {
        const names = sources.filter((name) => included(join(dir, name)));
        if (names.length) dirs.set(dir, moduleFilesOf(dir, names));
      },
      onRefused: (path, reason) => refused.push({ path, reason }),
    });
  for (const p of paths) {
    const abs = resolve(p);
    const entries = host.readDirectory(abs);
    if (entries) {
      yield* walk(abs);
      continue;
    }
    const dir = dirname(abs);
    const siblings = host.readDirectory(dir);
    if (!siblings || !siblings.some((e) => e.name === basename(abs) && !e.isDirectory)) {
      // A named path that exists but is not the host's to read (reached through a link out of the workspace) is not "not found".
      const entry = siblings?.find((e) => e.name === basename(abs));
      if (entry?.refused) refused.push({ path: abs, reason: entry.refused });
      else if (!entry && host.realPath?.(abs) !== undefined) refused.push({ path: abs, reason: NOT_IN_WORKSPACE });
      else missing.push(abs);
      continue;
    }
    if (!dirs.has(dir)) {
      dirs.set(dir, moduleFilesOf(dir, siblings.filter((e) => !e.isDirectory && sourceKind(e.name) && included(join(dir, e.name))).map((e) => e.name)));
    }
  }
  const modules = [...dirs.values()]
    .sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0))
    .filter((m) => m.configFiles.length > 0 || m.varFiles.length > 0);
  return { modules, missing, refused };
}
