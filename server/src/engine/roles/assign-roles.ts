import { basename, join, relative, sep } from 'node:path';
import { isInside, relativeBelow } from '../host.js';
import { matchesGlob } from '../config/effective.js';
import type { ConfiguredRole } from '../config/types.js';
import type { ModuleRole, ModuleRoleAssignment } from './module-role.js';
import type { ModuleRoleFacts } from './role-facts.js';

/** Path segments that make a module a test harness or fixture (SPEC §2a). */
const TEST_SEGMENTS = new Set(['test', 'tests', 'testing', 'fixtures', 'test-fixtures', 'test_fixtures', 'unit-test-fixture']);
/** Path segments that make a module an example (SPEC §2a). */
const EXAMPLE_SEGMENTS = new Set(['examples', 'example', 'samples', 'patterns']);
const MODULE_SEGMENT = 'modules';

export interface RoleAssignmentOptions {
  /**
   * The analysed directories (the CLI's directory PATHs, a file PATH's
   * directory, the editor's workspace folder): a module's path is read
   * relative to the one that contains it.
   */
  analysedDirs: readonly string[];
  /** Config `roles` (first matching glob wins), globs relative to `baseDir`. */
  configured?: { baseDir: string; roles: readonly ConfiguredRole[] };
}

/**
 * Every module's role and why (SPEC §2a), in this order: a configured glob;
 * the innermost path segment that names a role (`test`…, `examples`…,
 * `modules`); a call from another module of the workspace through a local
 * source; a root-less module that an example or test calls by this
 * repository's registry name; else `deployment`. Pure: the same facts give
 * the same roles in the CLI and the editor.
 */
export function assignModuleRoles(modules: readonly ModuleRoleFacts[], options: RoleAssignmentOptions): Map<string, ModuleRoleAssignment> {
  const byPath = new Map<string, ModuleRoleAssignment>();
  const pathRoles = new Map<string, ModuleRoleAssignment | undefined>();
  for (const m of modules) pathRoles.set(m.dir, configuredRole(m.dir, options) ?? segmentRole(m.dir, options));
  const sorted = [...modules].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  // Who calls each directory (the first caller in path order), and the examples and tests that call by registry name:
  // indexed once, so that assigning every role stays linear in the workspace (the editor does it after each review).
  const localCallers = new Map<string, { caller: ModuleRoleFacts; source: string }>();
  for (const caller of sorted) {
    for (const call of caller.localCalls) {
      if (call.dir !== caller.dir && !localCallers.has(call.dir)) localCallers.set(call.dir, { caller, source: call.source });
    }
  }
  const registryCallers = sorted.filter((m) => m.registryCalls.length > 0 && ['example', 'test'].includes(pathRoles.get(m.dir)?.role ?? ''));
  const registryTargets = registryTargetsByRoot(registryCallers, options);
  for (const m of sorted) {
    const assignment = pathRoles.get(m.dir) ?? calledRole(m, localCallers, registryTargets, options) ?? deploymentRole(m);
    byPath.set(m.dir, assignment);
  }
  return byPath;
}

/**
 * The role a module's path decides without looking at calls: a configured
 * glob, else the innermost segment that names a role; undefined when its
 * role depends on who calls it.
 */
export function pathDecidedRole(dir: string, options: RoleAssignmentOptions): ModuleRoleAssignment | undefined {
  return configuredRole(dir, options) ?? segmentRole(dir, options);
}

function configuredRole(dir: string, options: RoleAssignmentOptions): ModuleRoleAssignment | undefined {
  if (!options.configured?.roles.length) return undefined;
  const path = slashes(relativeBelow(options.configured.baseDir, dir));
  for (const { glob, role } of options.configured.roles) {
    // A glob names directories here: `legacy/**` takes `legacy` itself too, as exclude's directory pruning does.
    if (matchesGlob(glob, path) || (glob.endsWith('/**') && matchesGlob(glob.slice(0, -3), path))) return { dir, role, why: `configured by .iac-review.json roles "${glob}"` };
  }
  return undefined;
}

function segmentRole(dir: string, options: RoleAssignmentOptions): ModuleRoleAssignment | undefined {
  const segments = relativeSegments(dir, options);
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i]!.toLowerCase();
    const role: ModuleRole | undefined = TEST_SEGMENTS.has(segment)
      ? 'test'
      : EXAMPLE_SEGMENTS.has(segment)
        ? 'example'
        : segment === MODULE_SEGMENT
          ? 'module'
          : undefined;
    if (role) return { dir, role, why: `under ${segments.slice(0, i + 1).join('/')}/` };
  }
  return undefined;
}

type RegistryCall = ModuleRoleFacts['registryCalls'][number];

/** Per analysed directory (the repository a module's path is read in): the module each registry call names, and its first caller. */
type RegistryTargets = ReadonlyMap<string, ReadonlyMap<string, { caller: ModuleRoleFacts; call: RegistryCall }>>;

/**
 * Where the examples' and tests' calls by registry name point, worked out once per analysed directory: a call
 * names the module at the directory joined with its subdirectory when the directory is named for the call's
 * repository. The first caller in path order and its first such call win, as in a walk over them per module
 * (which made assigning roles quadratic: 0.6 s of a check of the 20,000-file workspace).
 */
function registryTargetsByRoot(registryCallers: readonly ModuleRoleFacts[], options: RoleAssignmentOptions): RegistryTargets {
  const byRoot = new Map<string, Map<string, { caller: ModuleRoleFacts; call: RegistryCall }>>();
  if (registryCallers.length === 0) return byRoot;
  for (const root of options.analysedDirs) {
    if (byRoot.has(root)) continue;
    const targets = new Map<string, { caller: ModuleRoleFacts; call: RegistryCall }>();
    const name = basename(root);
    for (const caller of registryCallers) {
      for (const call of caller.registryCalls) {
        if (!namesRepository(name, `terraform-${call.address.targetSystem}-${call.address.name}`)) continue;
        const dir = join(root, call.subdir ?? '');
        if (!targets.has(dir)) targets.set(dir, { caller, call });
      }
    }
    byRoot.set(root, targets);
  }
  return byRoot;
}

/** A module another module calls is reusable, whatever else it is (SPEC §2a). */
function calledRole(
  module: ModuleRoleFacts,
  localCallers: ReadonlyMap<string, { caller: ModuleRoleFacts; source: string }>,
  registryTargets: RegistryTargets,
  options: RoleAssignmentOptions,
): ModuleRoleAssignment | undefined {
  const local = localCallers.get(module.dir);
  if (local) return { dir: module.dir, role: 'module', why: `called by ${displayDir(local.caller.dir, options)} through source = "${local.source}"` };
  if (module.isRoot) return undefined;
  const repository = analysedDirOf(module.dir, options);
  if (repository === undefined) return undefined;
  const registry = registryTargets.get(repository)?.get(module.dir);
  if (!registry) return undefined;
  return {
    dir: module.dir,
    role: 'module',
    why: `called by ${displayDir(registry.caller.dir, options)} through source = "${registry.call.source}" (this repository's registry name)`,
  };
}

function deploymentRole(module: ModuleRoleFacts): ModuleRoleAssignment {
  return {
    dir: module.dir,
    role: 'deployment',
    why: module.isRoot
      ? 'a root module (backend or configured provider) that no module of the workspace calls'
      : 'not under examples/, tests/ or modules/, and no module of the workspace calls it',
  };
}

/**
 * The registry requires a module's repository to be named
 * `terraform-<provider>-<name>`; a checkout may carry a prefix (`owner+repo`).
 */
function namesRepository(directoryName: string, repositoryName: string): boolean {
  if (directoryName === repositoryName) return true;
  if (!directoryName.endsWith(repositoryName)) return false;
  return !/[A-Za-z0-9_.-]/.test(directoryName.charAt(directoryName.length - repositoryName.length - 1));
}

/**
 * The analysed directory a module's path is read from: of those containing
 * it, the outermost, so `check . examples` still sees `examples/x` as under examples/.
 */
function analysedDirOf(dir: string, options: RoleAssignmentOptions): string | undefined {
  let best: string | undefined;
  for (const root of options.analysedDirs) {
    if (isInside(root, dir) && (best === undefined || root.length < best.length)) best = root;
  }
  return best;
}

function relativeSegments(dir: string, options: RoleAssignmentOptions): string[] {
  const root = analysedDirOf(dir, options);
  if (root === undefined) return [];
  const rel = relative(root, dir);
  return rel === '' ? [] : rel.split(sep);
}

function displayDir(dir: string, options: RoleAssignmentOptions): string {
  const root = analysedDirOf(dir, options);
  return root === undefined ? dir : slashes(relative(root, dir)) || '.';
}

function slashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
