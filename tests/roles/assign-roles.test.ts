// Module roles (SPEC §2a) over layouts shaped like the module repositories of issue 11.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileTree } from '../support/file-tree.js';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { assignModuleRoles } from '../../server/src/engine/roles/assign-roles.js';
import type { ModuleRoleFacts } from '../../server/src/engine/roles/role-facts.js';

const ROOT = '/repo/terraform-aws-thing';

/** Facts of a module at `rel` (relative to ROOT) calling the local sources given. */
function facts(rel: string, options: { root?: boolean; calls?: string[]; registry?: string[] } = {}): ModuleRoleFacts {
  const dir = rel ? join(ROOT, rel) : ROOT;
  return {
    dir,
    isRoot: options.root ?? false,
    localCalls: (options.calls ?? []).map((source) => ({ dir: resolve(dir, source), source })),
    registryCalls: (options.registry ?? []).map((source) => {
      const [address, subdir] = source.split('//');
      const [namespace, name, targetSystem] = address!.split('/');
      return { address: { namespace: namespace!, name: name!, targetSystem: targetSystem! }, ...(subdir ? { subdir } : {}), source };
    }),
  };
}

function roles(modules: ModuleRoleFacts[], analysedDirs = [ROOT], configured?: Parameters<typeof assignModuleRoles>[1]['configured']) {
  const assigned = assignModuleRoles(modules, { analysedDirs, ...(configured ? { configured } : {}) });
  return Object.fromEntries([...assigned.values()].map((a) => [a.dir.slice(ROOT.length + 1) || '.', `${a.role}: ${a.why}`]));
}

describe('assignModuleRoles', () => {
  it('a terraform-aws-modules layout: root called by examples, examples/*, modules/*, wrappers/*', () => {
    expect(
      roles([
        facts(''),
        facts('examples/complete', { root: true, calls: ['../../', '../../modules/flow-log'] }),
        facts('examples/simple', { root: true, calls: ['../..'] }),
        facts('modules/flow-log'),
        facts('wrappers', { calls: ['../'] }),
        facts('wrappers/flow-log', { calls: ['../../modules/flow-log'] }),
      ]),
    ).toEqual({
      '.': 'module: called by examples/complete through source = "../../"',
      'examples/complete': 'example: under examples/',
      'examples/simple': 'example: under examples/',
      'modules/flow-log': 'module: under modules/',
      // SPEC §2a's lists have no `wrappers` segment and nothing calls a wrapper: it is read as a deployment.
      wrappers: 'deployment: not under examples/, tests/ or modules/, and no module of the workspace calls it',
      'wrappers/flow-log': 'deployment: not under examples/, tests/ or modules/, and no module of the workspace calls it',
    });
  });

  it('tests/fixtures/*, test/fixtures/* and unit-test-fixture are tests; the innermost segment decides', () => {
    expect(
      roles([
        facts('tests/fixtures/basic', { root: true, calls: ['../../..'] }),
        facts('test/fixtures/node_pool', { root: true, calls: ['../../../examples/node_pool'] }),
        facts('examples/node_pool', { root: true }),
        facts('unit-test-fixture', { root: true }),
        facts('tests/eks-fargate'),
        facts('examples/x/modules/y'),
        facts('modules/a/examples/b', { root: true }),
        facts('Examples/Upper', { root: true }),
      ]),
    ).toEqual({
      'tests/fixtures/basic': 'test: under tests/fixtures/',
      'test/fixtures/node_pool': 'test: under test/fixtures/',
      // A path segment outranks a call: an example a test fixture calls is still an example.
      'examples/node_pool': 'example: under examples/',
      'unit-test-fixture': 'test: under unit-test-fixture/',
      'tests/eks-fargate': 'test: under tests/',
      'examples/x/modules/y': 'module: under examples/x/modules/',
      'modules/a/examples/b': 'example: under modules/a/examples/',
      'Examples/Upper': 'example: under Examples/',
    });
  });

  it('samples/ and patterns/ are examples; a deployment root with a backend is a deployment', () => {
    expect(
      roles([
        facts('samples/basic', { root: true }),
        facts('patterns/karpenter', { root: true }),
        facts('patterns/blue-green/modules/eks_cluster'),
        facts('envs/prod', { root: true, calls: ['../../components/network'] }),
        facts('components/network'),
        facts('live/staging', { root: true }),
      ]),
    ).toEqual({
      'samples/basic': 'example: under samples/',
      'patterns/karpenter': 'example: under patterns/',
      'patterns/blue-green/modules/eks_cluster': 'module: under patterns/blue-green/modules/',
      'envs/prod': 'deployment: a root module (backend or configured provider) that no module of the workspace calls',
      'components/network': 'module: called by envs/prod through source = "../../components/network"',
      'live/staging': 'deployment: a root module (backend or configured provider) that no module of the workspace calls',
    });
  });

  it('a root-less module that examples call by the repository\'s registry name is a module; a root one is not', () => {
    const layout = [
      facts(''),
      facts('modules/private-cluster'),
      facts('examples/simple', { root: true, registry: ['acme/thing/aws', 'acme/thing/aws//modules/private-cluster', 'acme/other/aws'] }),
    ];
    expect(roles(layout)['.']).toBe('module: called by examples/simple through source = "acme/thing/aws" (this repository\'s registry name)');
    expect(roles([{ ...layout[0]!, isRoot: true }, ...layout.slice(1)])['.']).toMatch(/^deployment: a root module/);
    // Another repository's name is not this one.
    expect(roles([layout[0]!, facts('examples/simple', { root: true, registry: ['acme/other/aws'] })])['.']).toMatch(/^deployment/);
    // Only examples and tests count: a deployment calling the published module says nothing of this checkout.
    expect(roles([layout[0]!, facts('live', { root: true, registry: ['acme/thing/aws'] })])['.']).toMatch(/^deployment/);
  });

  it('a registry call names the module at its subdirectory of a directory named for the repository; the first caller in path order, and its first such call, is the one named', () => {
    const layout = [
      facts(''),
      facts('wrappers'),
      facts('examples/b', { root: true, registry: ['acme/thing/aws//wrappers', 'acme/thing/aws'] }),
      facts('examples/a', { root: true, registry: ['acme/other/aws', 'acme/thing/aws', 'acme/thing/aws//wrappers'] }),
    ];
    // Sources with the same address differ in what they say: the one shown is the first caller's (examples/a), first call.
    layout[3]!.registryCalls[1]!.source = 'acme/thing/aws?ref=x';
    const assigned = roles(layout);
    expect(assigned['.']).toBe('module: called by examples/a through source = "acme/thing/aws?ref=x" (this repository\'s registry name)');
    expect(assigned['wrappers']).toBe('module: called by examples/a through source = "acme/thing/aws//wrappers" (this repository\'s registry name)');
    // A checkout named with a prefix (`owner+repo`) is the repository; a name that merely ends the same is not.
    const under = (name: string) => {
      const dir = join('/repo', name);
      const at = (rel: string, registry: string[] = []): ModuleRoleFacts => ({ ...facts('', { registry }), dir: rel ? join(dir, rel) : dir, isRoot: rel !== '' });
      const modules = [at(''), at('examples/simple', ['acme/thing/aws'])];
      return assignModuleRoles(modules, { analysedDirs: [dir, '/elsewhere'] }).get(dir)?.role;
    };
    expect(under('acme+terraform-aws-thing')).toBe('module');
    expect(under('xterraform-aws-thing')).toBe('deployment');
    // Each module is read in the analysed directory that holds it: with two repositories analysed side by side,
    // each call names the module of the repository it is named for, and a subdirectory only there.
    const other = join('/repo', 'terraform-aws-other');
    const two = assignModuleRoles(
      [facts(''), facts('wrappers'), { ...facts(''), dir: other }, { ...facts(''), dir: join(other, 'wrappers') }, facts('examples/simple', { root: true, registry: ['acme/thing/aws', 'acme/other/aws//wrappers'] })],
      { analysedDirs: [ROOT, other] },
    );
    expect([ROOT, join(ROOT, 'wrappers'), other, join(other, 'wrappers')].map((d) => two.get(d)?.role)).toEqual(['module', 'deployment', 'deployment', 'module']);
  });

  it('paths are read relative to the analysed directory that contains the module, the outermost of several', () => {
    const modules = [facts('examples/complete', { root: true })];
    expect(roles(modules, [join(ROOT, 'examples/complete')])['examples/complete']).toMatch(/^deployment/);
    expect(roles(modules, [join(ROOT, 'examples'), ROOT])['examples/complete']).toBe('example: under examples/');
  });

  it('config roles win, the first matching glob first, relative to the config\'s directory', () => {
    const configured = {
      baseDir: ROOT,
      roles: [
        { glob: 'legacy/**', role: 'module' as const },
        { glob: 'legacy/apps/**', role: 'deployment' as const },
        { glob: 'examples/prod-like', role: 'deployment' as const },
      ],
    };
    expect(roles([facts('legacy/apps/web', { root: true }), facts('examples/prod-like', { root: true }), facts('examples/demo', { root: true })], [ROOT], configured)).toEqual({
      'legacy/apps/web': 'module: configured by .iac-review.json roles "legacy/**"',
      'examples/prod-like': 'deployment: configured by .iac-review.json roles "examples/prod-like"',
      'examples/demo': 'example: under examples/',
    });
  });
});

describe('roles in a review', () => {
  const tree = (files: Record<string, string>) => fileTree(files, 'iac-roles-');

  it('assigns roles from the modules\' real calls and root-ness, and lists them in the result', () => {
    const root = tree({
      'main.tf': 'resource "aws_s3_bucket" "this" {\n  bucket = var.name\n}\nvariable "name" {\n  type        = string\n  description = "Bucket name."\n}\n',
      'examples/complete/main.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\nmodule "bucket" {\n  source = "../../"\n  name   = "demo"\n}\n',
      'tests/fixtures/basic/main.tf': 'module "bucket" {\n  source = "../../.."\n  name   = "fixture"\n}\n',
    });
    const result = analyzeWorkspace({ cwd: root });
    expect(result.moduleRoles.map((m) => [m.dir.slice(root.length) || '/', m.role, m.why])).toEqual([
      ['/', 'module', 'called by examples/complete through source = "../../"'],
      ['/examples/complete', 'example', 'under examples/'],
      ['/tests/fixtures/basic', 'test', 'under tests/fixtures/'],
    ]);
    // The bucket is in a reusable module: lifecycle/prevent-destroy does not apply there.
    expect(result.findings.filter((f) => f.ruleId === 'lifecycle/prevent-destroy')).toEqual([]);
  });
});

describe('roles and configuration', () => {
  const tree = (files: Record<string, string>) => fileTree(files, 'iac-roles-config-');
  const QUEUE = 'provider "aws" {\n  region = "eu-west-1"\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n';
  const ruleFindings = (root: string, ruleId: string) =>
    analyzeWorkspace({ cwd: root }).findings.filter((f) => f.ruleId === ruleId).map((f) => f.file.slice(root.length + 1));

  it('by default prevent_destroy is asked of a deployment, not of an example', () => {
    const root = tree({ 'examples/demo/main.tf': QUEUE, 'live/main.tf': QUEUE });
    expect(ruleFindings(root, 'lifecycle/prevent-destroy')).toEqual(['live/main.tf']);
  });

  it('config "roles" makes a directory a deployment (or an example); the first matching glob wins', () => {
    const root = tree({
      '.iac-review.json': JSON.stringify({ roles: { 'examples/prod-like': 'deployment', 'examples/**': 'example', 'live/**': 'example' } }),
      'examples/demo/main.tf': QUEUE,
      'examples/prod-like/main.tf': QUEUE,
      'live/main.tf': QUEUE,
    });
    expect(ruleFindings(root, 'lifecycle/prevent-destroy')).toEqual(['examples/prod-like/main.tf']);
    const result = analyzeWorkspace({ cwd: root });
    expect(result.moduleRoles.map((m) => `${m.dir.slice(root.length + 1)} ${m.role}`)).toEqual([
      'examples/demo example',
      'examples/prod-like deployment',
      'live example',
    ]);
  });

  it('a rule\'s "roles" option changes where it runs', () => {
    const root = tree({
      '.iac-review.json': JSON.stringify({ rules: { 'lifecycle/prevent-destroy': ['warning', { roles: ['example'] }] } }),
      'examples/demo/main.tf': QUEUE,
      'live/main.tf': QUEUE,
    });
    expect(ruleFindings(root, 'lifecycle/prevent-destroy')).toEqual(['examples/demo/main.tf']);
  });

  it('a wrong role is a config error with its position, and the defaults stay', () => {
    const root = tree({
      '.iac-review.json': '{\n  "roles": { "live/**": "prod" },\n  "rules": { "hardcoded/region": ["info", { "roles": ["example", "demo"] }] }\n}\n',
      'live/main.tf': QUEUE,
    });
    const result = analyzeWorkspace({ cwd: root });
    expect(result.configErrors.map((e) => `${e.range!.start.line}:${e.range!.start.column} ${e.message}`)).toEqual([
      '2:25 The role of "live/**" must be one of "deployment", "module", "example", "test", not the string "prod".',
      '3:66 Option "roles" of "hardcoded/region" must be an array of module roles ("deployment", "module", "example", "test"), not an array containing the string "demo"; the rule\'s default roles apply.',
    ]);
    expect(result.config.roles).toEqual([]);
    expect(result.config.rules['hardcoded/region']).toEqual(['info', {}]);
  });
});
