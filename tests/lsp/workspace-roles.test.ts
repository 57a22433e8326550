import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NodeFileHost } from '../../server/src/engine/host.js';
import { assignModuleRoles } from '../../server/src/engine/roles/assign-roles.js';
import type { ModuleRoleFacts } from '../../server/src/engine/roles/role-facts.js';
import { WorkspaceConfigs } from '../../server/src/lsp/workspace-configs.js';
import { WorkspaceRoles } from '../../server/src/lsp/workspace-roles.js';

// The server works roles out one module at a time (workspace-roles.ts): after any sequence of
// recorded facts, every role must be the one assignModuleRoles gives over the whole folder, and the
// modules whose role moved must be among those takeMoved names.

const parent = mkdtempSync(join(tmpdir(), 'iac-review-roles-'));
// The folder's name is a registry repository's, so calls by registry name can decide roles.
const folder = join(parent, 'terraform-aws-demo');
afterAll(() => rmSync(parent, { recursive: true, force: true }));

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const DIRS = ['', 'modules/a', 'modules/b', 'examples/x', 'examples/y', 'tests/t', 'lib', 'lib/inner', 'stacks/prod', 'wrappers', 'wrappers/z'];

function randomFacts(r: () => number, dir: string): ModuleRoleFacts | undefined {
  if (r() < 0.1) return undefined;
  const pick = () => DIRS[Math.floor(r() * DIRS.length)]!;
  const localCalls = Array.from({ length: Math.floor(r() * 3) }, () => {
    const target = pick();
    return { dir: join(folder, target), source: `./${target}` };
  });
  const registryCalls = Array.from({ length: r() < 0.4 ? 1 : 0 }, () => {
    const subdir = r() < 0.3 ? undefined : pick();
    return {
      address: { namespace: 'acme', name: r() < 0.8 ? 'demo' : 'other', targetSystem: 'aws' },
      ...(subdir ? { subdir } : {}),
      source: `acme/demo/aws${subdir ? `//${subdir}` : ''}`,
    };
  });
  return { dir: join(folder, dir), isRoot: r() < 0.2, localCalls, registryCalls };
}

describe('WorkspaceRoles (one module at a time)', () => {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, '.iac-review.json'), '{}');

  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`gives the whole folder's roles after random edits (seed ${seed})`, () => {
      const configs = new WorkspaceConfigs(() => new NodeFileHost(folder), []);
      configs.setFolders([folder]);
      const roles = new WorkspaceRoles(configs);
      const r = rng(seed);
      const current = new Map<string, ModuleRoleFacts>();
      const reviewed = new Map<string, string | undefined>();
      for (let step = 0; step < 120; step++) {
        const dir = DIRS[Math.floor(r() * DIRS.length)]!;
        const facts = randomFacts(r, dir);
        const abs = join(folder, dir);
        roles.record(abs, facts);
        if (facts) current.set(abs, facts);
        else current.delete(abs);
        const { config } = configs.configFor(folder);
        const whole = assignModuleRoles([...current.values()], {
          analysedDirs: [folder],
          configured: { baseDir: config.baseDir, roles: config.roles },
        });
        // As the service does: a module reviewed in a role is checked again when takeMoved names it.
        const moved = new Set(roles.takeMoved());
        for (const [d, role] of reviewed) {
          if (whole.get(d)?.role !== role) expect(moved.has(d), `${d} moved from ${role} to ${whole.get(d)?.role} unannounced`).toBe(true);
        }
        for (const d of current.keys()) {
          expect(roles.roleOf(d)).toEqual(whole.get(d));
          reviewed.set(d, whole.get(d)?.role);
        }
        for (const d of [...reviewed.keys()]) if (!current.has(d)) reviewed.delete(d);
      }
    });
  }

  it('reads a registry call as the repository named by the folder', () => {
    const configs = new WorkspaceConfigs(() => new NodeFileHost(folder), []);
    configs.setFolders([folder]);
    const roles = new WorkspaceRoles(configs);
    roles.record(folder, { dir: folder, isRoot: false, localCalls: [], registryCalls: [] });
    expect(roles.roleOf(folder)?.role).toBe('deployment');
    const example = join(folder, 'examples', 'x');
    roles.record(example, {
      dir: example,
      isRoot: false,
      localCalls: [],
      registryCalls: [{ address: { namespace: 'acme', name: 'demo', targetSystem: 'aws' }, source: 'acme/demo/aws' }],
    });
    expect(roles.takeMoved()).toContain(folder);
    expect(roles.roleOf(folder)?.role).toBe('module');
    // Another repository's name does not make it reusable.
    roles.record(example, {
      dir: example,
      isRoot: false,
      localCalls: [],
      registryCalls: [{ address: { namespace: 'acme', name: 'other', targetSystem: 'aws' }, source: 'acme/other/aws' }],
    });
    expect(roles.roleOf(folder)?.role).toBe('deployment');
  });
});
