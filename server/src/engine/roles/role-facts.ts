import type { Module } from '../model/module.js';
import { localSourceDir } from '../model/local-source.js';
import { findAttribute } from '../rules/rule.js';
import { classifyModuleSource, type RegistryAddress } from '../versioning/module-source.js';
import { ownString } from '../own-string.js';

/**
 * What role assignment needs to know of one module: small enough for the
 * language server to keep for every module of a workspace folder without
 * keeping its syntax trees.
 */
export interface ModuleRoleFacts {
  /** Absolute path of the module directory. */
  dir: string;
  /** A backend/cloud block or a configured provider block (Module.isRoot). */
  isRoot: boolean;
  /** Module calls with a local source: the directory each names and the source as written. */
  localCalls: Array<{ dir: string; source: string }>;
  /** Module calls with a registry source (an example calling its repository by its published name). */
  registryCalls: Array<{ address: RegistryAddress; subdir?: string; source: string }>;
}

export function roleFactsOf(module: Module): ModuleRoleFacts {
  const facts: ModuleRoleFacts = { dir: module.dir, isRoot: module.isRoot, localCalls: [], registryCalls: [] };
  for (const call of module.moduleCalls) {
    const dir = localSourceDir(module.dir, call);
    const attr = findAttribute(call.block, 'source');
    // A copy (ownString): facts outlive the module's syntax trees, and a slice of a file's text (what the registry
    // address's parts are cut from, too) would keep all of it.
    const raw = attr?.expr.kind === 'Template' && attr.expr.parts.length === 1 && attr.expr.parts[0]!.kind === 'TemplateLiteral'
      ? ownString(attr.expr.parts[0]!.value)
      : undefined;
    if (dir !== undefined) facts.localCalls.push({ dir, source: raw ?? dir });
    else if (raw !== undefined) {
      const source = classifyModuleSource(raw);
      if (source.kind === 'registry' && source.registry) {
        facts.registryCalls.push({ address: source.registry, ...(source.subdir ? { subdir: source.subdir } : {}), source: raw });
      }
    }
  }
  return facts;
}

/** Whether two fact sets give every module the same role (the language server re-reviews when they do not). */
export function sameRoleFacts(a: ModuleRoleFacts | undefined, b: ModuleRoleFacts | undefined): boolean {
  if (!a || !b) return a === b;
  return a.isRoot === b.isRoot && JSON.stringify([a.localCalls, a.registryCalls]) === JSON.stringify([b.localCalls, b.registryCalls]);
}
