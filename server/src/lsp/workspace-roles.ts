import { normalize, relative } from 'node:path';
import { isInside } from '../engine/host.js';
import { assignModuleRoles, pathDecidedRole, type RoleAssignmentOptions } from '../engine/roles/assign-roles.js';
import type { ModuleRoleAssignment } from '../engine/roles/module-role.js';
import { sameRoleFacts, type ModuleRoleFacts } from '../engine/roles/role-facts.js';
import type { WorkspaceConfigs } from './workspace-configs.js';

/**
 * The roles of the modules the server has reviewed (SPEC §2a), from what
 * each review learnt of its module (its role facts: root-ness and calls), so
 * no syntax tree is kept for it. A module's role depends on who calls it:
 * `record` says when an edit may have changed other modules' roles.
 *
 * Roles are worked out one module at a time and kept until facts they read
 * change: the start-up scan records every module of the workspace one after
 * the other, and assigning every role again after each (as the CLI assigns
 * them once) made the scan quadratic — minutes for 20,000 files. A module's
 * role reads only its own path and facts, the modules that call it through
 * a local source, and the examples and tests that call by registry name, so
 * assignModuleRoles over those gives the role it gives over the whole folder
 * (tests/lsp/workspace-roles.test.ts compares the two).
 */
export class WorkspaceRoles {
  private readonly facts = new Map<string, ModuleRoleFacts>();
  /** Who calls each directory through a local source, kept in step with the facts. */
  private readonly callers = new Map<string, Set<string>>();
  /**
   * Modules calling by registry name, by the folder-relative path the call names (its subdirectory; `.` for
   * the repository itself): such a call can only make the module at that path of a folder reusable.
   */
  private readonly registryCallers = new Map<string, Set<string>>();
  /** Roles worked out, and the configuration of their folder then (its `roles` can be edited without any module changing). */
  private readonly roles = new Map<string, { role: ModuleRoleAssignment | undefined; config: object }>();
  /** Modules whose role came from no path and no local caller (a call by registry name can change it), with their folder-relative path. */
  private readonly registryDependent = new Map<string, string>();
  /** Modules whose role was dropped since `takeMoved` (it may come out different now). */
  private readonly moved = new Set<string>();

  constructor(private readonly configs: WorkspaceConfigs) {}

  /** Records a module's facts (undefined: it has no files any more); true when they changed. */
  record(dir: string, facts: ModuleRoleFacts | undefined): boolean {
    const before = this.facts.get(dir);
    if (sameRoleFacts(before, facts)) return false;
    if (facts) this.facts.set(dir, facts);
    else this.facts.delete(dir);
    // What read these facts: the module itself and the modules it called or calls.
    this.drop(dir);
    for (const call of before?.localCalls ?? []) {
      this.callers.get(call.dir)?.delete(dir);
      this.drop(call.dir);
    }
    for (const call of facts?.localCalls ?? []) {
      let set = this.callers.get(call.dir);
      if (!set) this.callers.set(call.dir, (set = new Set()));
      set.add(dir);
      this.drop(call.dir);
    }
    const registryBefore = new Set(before?.registryCalls.map(registryTarget));
    const registryNow = new Set(facts?.registryCalls.map(registryTarget));
    for (const target of registryBefore) if (!registryNow.has(target)) this.registryCallers.get(target)?.delete(dir);
    for (const target of registryNow) {
      let set = this.registryCallers.get(target);
      if (!set) this.registryCallers.set(target, (set = new Set()));
      set.add(dir);
    }
    if (JSON.stringify(before?.registryCalls ?? []) !== JSON.stringify(facts?.registryCalls ?? [])) {
      const targets = new Set([...registryBefore, ...registryNow]);
      for (const [d, target] of [...this.registryDependent]) if (targets.has(target)) this.drop(d);
    }
    return true;
  }

  /** The modules whose recorded facts call `dir` through a local source. */
  callersOf(dir: string): readonly string[] {
    const set = this.callers.get(dir);
    return set ? [...set] : [];
  }

  /** The facts recorded for a module (a scan worker sends them to the server's thread). */
  factsOf(dir: string): ModuleRoleFacts | undefined {
    return this.facts.get(dir);
  }

  /** The modules `dir` calls through a local source, as its recorded facts say. */
  calleesOf(dir: string): readonly string[] {
    return this.facts.get(dir)?.localCalls.map((c) => c.dir) ?? [];
  }

  /** The role of a recorded module, read relative to its workspace folder; undefined for a module never recorded. */
  roleOf(dir: string): ModuleRoleAssignment | undefined {
    const own = this.facts.get(dir);
    if (!own) return undefined;
    const folder = this.configs.folderFor(dir);
    const { config } = this.configs.configFor(folder);
    const known = this.roles.get(dir);
    if (known && known.config === config) return known.role;
    const inFolder = (d: string) => this.configs.folderFor(d) === folder && isInside(folder, d);
    const options: RoleAssignmentOptions = { analysedDirs: [folder], configured: { baseDir: config.baseDir, roles: config.roles } };
    let role: ModuleRoleAssignment | undefined;
    this.registryDependent.delete(dir);
    if (inFolder(dir)) {
      // The modules whose facts can decide the role, in the order assignModuleRoles looks: none when the path
      // decides it; else the local callers; else, for a module that is no root, the calls by registry name.
      const localCallers = [...(this.callers.get(dir) ?? [])].filter((d) => d !== dir && inFolder(d));
      let readers: string[] = [];
      if (pathDecidedRole(dir, options) === undefined) {
        if (localCallers.length) readers = localCallers;
        else if (!own.isRoot) {
          const target = folderRelative(folder, dir);
          readers = [...(this.registryCallers.get(target) ?? [])].filter((d) => d !== dir && inFolder(d));
          this.registryDependent.set(dir, target);
        }
      }
      role = assignModuleRoles([own, ...readers.map((d) => this.facts.get(d)!)], options).get(dir);
    }
    this.roles.set(dir, { role, config });
    return role;
  }

  /** The modules whose role may have moved since the last call (their facts or their callers' changed); each told once. */
  takeMoved(): string[] {
    const moved = [...this.moved];
    this.moved.clear();
    return moved;
  }

  /** Forgets everything (the workspace folders changed). */
  clear(): void {
    for (const dir of this.roles.keys()) this.moved.add(dir);
    this.facts.clear();
    this.callers.clear();
    this.registryCallers.clear();
    this.roles.clear();
    this.registryDependent.clear();
  }

  private drop(dir: string): void {
    if (this.roles.delete(dir)) this.moved.add(dir);
    this.registryDependent.delete(dir);
  }
}

/** A folder-relative path as a key: `.` for the folder itself, no trailing separator. */
function pathKey(path: string): string {
  return normalize(path === '' ? '.' : path).replace(/(.)[\\/]+$/, '$1');
}

/** Where in a folder a registry call points (assignModuleRoles matches the module at the folder joined with the call's subdirectory). */
function registryTarget(call: ModuleRoleFacts['registryCalls'][number]): string {
  return pathKey(call.subdir ?? '');
}

function folderRelative(folder: string, dir: string): string {
  return pathKey(relative(folder, dir));
}
