import { isInside } from '../engine/host.js';
import { assignModuleRoles } from '../engine/roles/assign-roles.js';
import type { ModuleRoleAssignment } from '../engine/roles/module-role.js';
import { sameRoleFacts, type ModuleRoleFacts } from '../engine/roles/role-facts.js';
import type { WorkspaceConfigs } from './workspace-configs.js';

/**
 * The roles of the modules the server has reviewed (SPEC §2a), from what
 * each review learnt of its module (its role facts: root-ness and calls), so
 * no syntax tree is kept for it. A module's role depends on who calls it:
 * `record` says when an edit may have changed other modules' roles.
 */
export class WorkspaceRoles {
  private readonly facts = new Map<string, ModuleRoleFacts>();
  /** Who calls each directory through a local source, built from the facts when asked, dropped whenever they change. */
  private callerIndex?: Map<string, string[]>;
  /** Assignments per workspace folder, dropped whenever facts change. */
  private readonly assigned = new Map<string, { config: object; roles: Map<string, ModuleRoleAssignment> }>();

  constructor(private readonly configs: WorkspaceConfigs) {}

  /** Records a module's facts (undefined: it has no files any more); true when they changed. */
  record(dir: string, facts: ModuleRoleFacts | undefined): boolean {
    if (sameRoleFacts(this.facts.get(dir), facts)) return false;
    if (facts) this.facts.set(dir, facts);
    else this.facts.delete(dir);
    this.assigned.clear();
    this.callerIndex = undefined;
    return true;
  }

  /** The modules whose recorded facts call `dir` through a local source. */
  callersOf(dir: string): readonly string[] {
    if (!this.callerIndex) {
      this.callerIndex = new Map();
      for (const f of this.facts.values()) {
        for (const call of f.localCalls) {
          const list = this.callerIndex.get(call.dir);
          if (list) list.push(f.dir);
          else this.callerIndex.set(call.dir, [f.dir]);
        }
      }
    }
    return this.callerIndex.get(dir) ?? [];
  }

  /** The modules `dir` calls through a local source, as its recorded facts say. */
  calleesOf(dir: string): readonly string[] {
    return this.facts.get(dir)?.localCalls.map((c) => c.dir) ?? [];
  }

  /** The role of a recorded module, read relative to its workspace folder; undefined for a module never recorded. */
  roleOf(dir: string): ModuleRoleAssignment | undefined {
    if (!this.facts.has(dir)) return undefined;
    const folder = this.configs.folderFor(dir);
    const { config } = this.configs.configFor(folder);
    let entry = this.assigned.get(folder);
    // The configuration can be reloaded (its `roles` edited) without any module changing.
    if (!entry || entry.config !== config) {
      const modules = [...this.facts.values()].filter((f) => this.configs.folderFor(f.dir) === folder && isInside(folder, f.dir));
      const roles = assignModuleRoles(modules, { analysedDirs: [folder], configured: { baseDir: config.baseDir, roles: config.roles } });
      this.assigned.set(folder, (entry = { config, roles }));
    }
    return entry.roles.get(dir);
  }

  /** Forgets everything (the workspace folders changed). */
  clear(): void {
    this.facts.clear();
    this.assigned.clear();
    this.callerIndex = undefined;
  }
}
