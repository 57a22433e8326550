import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isInside } from './host.js';

/**
 * The workspace of SPEC §2, the one root every path the reviewed code supplies
 * is confined to: the top level of the git repository holding `path`, else
 * `path` itself (its directory when it is a file).
 *
 * The repository is found the way git finds it, by a `.git` directory or file
 * (a submodule's or a worktree's) in the path or an ancestor, but without
 * running git: a reviewed repository's configuration must never get a chance
 * to run anything. The walk climbs the path as written, not where its links
 * lead: a path named through a committed link (`check envs/*` where
 * `envs/x -> /`) still has the repository as its workspace, and what the link
 * leads to is then outside it. Never the working directory.
 */
export function findWorkspaceRoot(path: string): string {
  return rootAbove(path, hasGitEntry);
}

function rootAbove(path: string, hasGit: (dir: string) => boolean): string {
  const start = startDirectory(path);
  for (let dir = start; ; ) {
    if (hasGit(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

/**
 * The workspaces of several analysed paths: one per repository (or per path
 * outside any repository), in the order of the paths, outermost only — a
 * workspace inside another adds nothing. Code in one workspace may read files
 * of another the user named in the same command, never anything outside all
 * of them; the first is the one whose configuration applies.
 */
export function findWorkspaceRoots(paths: readonly string[]): string[] {
  const roots = [...new Set(paths.map(findWorkspaceRoot))];
  return roots.filter((root) => !roots.some((other) => other !== root && isInside(other, root)));
}

/**
 * findWorkspaceRoot for many paths of one tree (every reviewed folder, once
 * each): each directory's `.git` is looked for once, not once per folder below
 * it. For one run's use: a `.git` created meanwhile is not seen.
 */
export function workspaceRootFinder(): (path: string) => string {
  const known = new Map<string, boolean>();
  const hasGit = (dir: string): boolean => {
    let has = known.get(dir);
    if (has === undefined) known.set(dir, (has = hasGitEntry(dir)));
    return has;
  };
  return (path) => rootAbove(path, hasGit);
}

function startDirectory(path: string): string {
  const abs = resolve(path);
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    // A path that does not exist (reported as missing elsewhere) is its own workspace.
    return abs;
  }
}

/** Whether `dir` holds a `.git` directory or file, as git accepts it (a stat never blocks, even on a FIFO). */
function hasGitEntry(dir: string): boolean {
  try {
    const stat = statSync(join(dir, '.git'));
    return stat.isDirectory() || stat.isFile();
  } catch {
    return false;
  }
}
