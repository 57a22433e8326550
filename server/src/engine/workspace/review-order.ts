import { dirname } from 'node:path';
import type { ModuleFiles } from '../discover.js';
import { isInside } from '../host.js';
import { pathDecidedRole, type RoleAssignmentOptions } from '../roles/assign-roles.js';
import type { ModuleRole, ModuleRoleAssignment } from '../roles/module-role.js';

export interface DecidedModule {
  files: ModuleFiles;
  /** The role its path gives it. */
  role: ModuleRoleAssignment;
  /** Its place in discovery order. */
  index: number;
}

export interface DeferredModule {
  files: ModuleFiles;
  index: number;
}

/** The modules under one outermost module folder (a repository's root module and everything below it), in review order. */
export interface ReviewGroup {
  /** Those whose path makes them examples, tests or deployments (the callers), in that order. */
  callers: DecidedModule[];
  /** Those whose role depends on who calls them (a repository's root module, say). */
  deferred: DeferredModule[];
  /** Those under `modules/`: called by the others. */
  modules: DecidedModule[];
}

/**
 * The order a whole-workspace review takes: group by group, in the order
 * discovery first meets them; in each, callers before the modules they call.
 * A group is a module folder no other module folder holds, with every
 * module below it: a repository's root module with its examples and
 * submodules, which call each other, reviewed together — so that a module
 * can go as soon as it and its callers are reviewed (module-releases.ts),
 * and a review of many repositories side by side holds one at a time.
 */
export function reviewOrder(found: readonly ModuleFiles[], options: RoleAssignmentOptions, paths: readonly string[]): { groups: ReviewGroup[]; pathRoles: Map<string, ModuleRoleAssignment> } {
  const rank: Record<ModuleRole, number> = { example: 0, test: 1, deployment: 2, module: 3 };
  const moduleDirs = new Set(found.map((f) => f.dir));
  const pathRoles = new Map<string, ModuleRoleAssignment>();
  const groups: ReviewGroup[] = [];
  const byOuter = new Map<string, ReviewGroup>();
  found.forEach((files, index) => {
    const outer = outermostModuleDir(files.dir, moduleDirs, paths);
    let group = byOuter.get(outer);
    if (!group) {
      byOuter.set(outer, (group = { callers: [], deferred: [], modules: [] }));
      groups.push(group);
    }
    const role = pathDecidedRole(files.dir, options);
    if (!role) group.deferred.push({ files, index });
    else {
      pathRoles.set(files.dir, role);
      (role.role === 'module' ? group.modules : group.callers).push({ files, role, index });
    }
  });
  for (const group of groups) group.callers.sort((a, b) => rank[a.role.role] - rank[b.role.role] || a.index - b.index);
  return { groups, pathRoles };
}

/** The outermost folder holding `dir` that is a module folder, within the analysed path holding `dir`; else `dir`. */
export function outermostModuleDir(dir: string, moduleDirs: ReadonlySet<string>, paths: readonly string[]): string {
  const root = paths.find((p) => isInside(p, dir));
  let outer = dir;
  if (root === undefined) return outer;
  // Up from `dir` to `root` (discovery goes at most 64 folders down): each step one `dirname`.
  for (let at = dir; at !== root; ) {
    const up = dirname(at);
    if (up === at || up.length < root.length) break;
    at = up;
    if (moduleDirs.has(at)) outer = at;
  }
  return outer;
}
