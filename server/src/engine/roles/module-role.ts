/**
 * What a module directory is for (SPEC §2a): it decides which rules apply there.
 * `deployment` is a root module applied to real infrastructure, `module` a
 * reusable module, `example` a root module that demonstrates a module, `test`
 * a test harness or fixture.
 */
export type ModuleRole = 'deployment' | 'module' | 'example' | 'test';

export const MODULE_ROLES: readonly ModuleRole[] = ['deployment', 'module', 'example', 'test'];

export function isModuleRole(value: unknown): value is ModuleRole {
  return typeof value === 'string' && (MODULE_ROLES as readonly string[]).includes(value);
}

/** A module's role and the one-line reason for it (shown in the editor's hover). */
export interface ModuleRoleAssignment {
  /** Absolute path of the module directory. */
  dir: string;
  role: ModuleRole;
  /** Why, e.g. `under examples/`, `called by examples/complete through source = "../../"`. */
  why: string;
}

/** `1 module, 10 examples, 1 test`: the roles that occur, in MODULE_ROLES order. */
export function describeRoleCounts(roles: Iterable<ModuleRole>): string {
  const counts = new Map<ModuleRole, number>();
  for (const role of roles) counts.set(role, (counts.get(role) ?? 0) + 1);
  return MODULE_ROLES.filter((r) => counts.has(r))
    .map((r) => `${counts.get(r)} ${counts.get(r) === 1 ? r : `${r}s`}`)
    .join(', ');
}
