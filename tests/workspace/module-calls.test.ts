import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileTree } from '../support/file-tree.js';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { buildModule } from '../../server/src/engine/model/build-module.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import { callCyclesThrough } from '../../server/src/engine/workspace/call-cycles.js';
import { localCalls } from '../../server/src/engine/workspace/module-graph.js';

const workspace = (files: Record<string, string>) => fileTree(files, 'iac-calls-');

const only = (...ids: string[]) => RULES.filter((r) => ids.includes(r.meta.id));

const DB_MODULE = `
variable "name" {
  type = string
}

variable "storage_encrypted" {
  type    = bool
  default = false
}

resource "aws_db_instance" "this" {
  identifier        = var.name
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  storage_encrypted = var.storage_encrypted
}

output "encrypted" {
  value = var.storage_encrypted
}
`;

describe('module calls (SPEC §2a)', () => {
  it('places a finding the caller decides on its argument, with the call path, the full address and the callee as related information', () => {
    const dir = workspace({
      'main.tf': 'module "db" {\n  source            = "./modules/db"\n  name              = "orders"\n  storage_encrypted = false\n}\n',
      'modules/db/main.tf': DB_MODULE,
    });
    const { findings } = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.file).toBe(join(dir, 'main.tf'));
    expect(f!.range.start.line).toBe(4);
    expect(f!.message).toMatch(/^module\.db → aws_db_instance\.this: /);
    expect(f!.address).toBe('module.db.aws_db_instance.this');
    expect(f!.related?.[0]).toMatchObject({ file: join(dir, 'modules/db/main.tf') });
    expect(f!.related?.[0]!.range.start.line).toBe(15);
    expect(f!.fix).toBeUndefined();
  });

  it('names the instance key of a counted or for_each call in the path and the address', () => {
    const dir = workspace({
      'main.tf':
        'module "db" {\n  source   = "./modules/db"\n  for_each = { a = false }\n  name     = each.key\n  storage_encrypted = each.value\n}\n',
      'modules/db/main.tf': DB_MODULE,
    });
    const { findings } = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
    expect(findings.map((f) => [f.range.start.line, f.address])).toEqual([[5, 'module.db["a"].aws_db_instance.this']]);
    expect(findings[0]!.message).toMatch(/^module\.db\["a"\] → aws_db_instance\.this: /);
  });

  it('reports a finding once per caller that decides it, and not for the caller that does not', () => {
    const dir = workspace({
      'app/main.tf': 'module "db" {\n  source            = "../modules/db"\n  name              = "app"\n  storage_encrypted = false\n}\n',
      'billing/main.tf': 'module "db" {\n  source            = "../modules/db"\n  name              = "billing"\n  storage_encrypted = true\n}\n',
      'reports/main.tf': 'module "db" {\n  source = "../modules/db"\n  name   = "reports"\n}\n',
      'modules/db/main.tf': DB_MODULE,
    });
    const { findings } = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
    expect(findings.map((f) => `${f.file.slice(dir.length + 1)}:${f.range.start.line}`).sort()).toEqual(['app/main.tf:4', 'reports/main.tf:1']);
  });

  it('keeps a suppression comment on the caller argument working', () => {
    const dir = workspace({
      'main.tf':
        'module "db" {\n  source            = "./modules/db"\n  name              = "scratch"\n  # iac-review:ignore encryption/at-rest -- throw-away database for load tests\n  storage_encrypted = false\n}\n',
      'modules/db/main.tf': DB_MODULE,
    });
    const { findings } = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.suppression?.reason).toContain('throw-away');
  });

  it('follows a registry module that terraform init recorded in .terraform/modules/modules.json', () => {
    const manifest = {
      Modules: [
        { Key: '', Source: '', Dir: '.' },
        { Key: 'db', Source: 'registry.terraform.io/acme/db/aws', Version: '1.2.0', Dir: '.terraform/modules/db' },
      ],
    };
    const dir = workspace({
      'main.tf':
        'module "db" {\n  source            = "acme/db/aws"\n  version           = "1.2.0"\n  name              = "orders"\n  storage_encrypted = false\n}\n',
      '.terraform/modules/modules.json': JSON.stringify(manifest),
      '.terraform/modules/db/main.tf': DB_MODULE.replace('storage_encrypted = var.storage_encrypted', 'storage_encrypted = var.storage_encrypted\n  multi_az          = false'),
    });
    const { findings, files } = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
    expect(findings.map((f) => [f.file, f.range.start.line])).toEqual([[join(dir, 'main.tf'), 5]]);
    // The downloaded module is followed, never reviewed as the workspace's own code.
    expect(files.some((f) => f.includes('.terraform'))).toBe(false);
  });

  it('leaves a registry call unknown when no manifest records it', () => {
    const dir = workspace({
      'main.tf': 'module "db" {\n  source            = "acme/db/aws"\n  version           = "1.2.0"\n  storage_encrypted = false\n}\n',
    });
    expect(analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') }).findings).toEqual([]);
  });

  it('reports a cycle of module calls once and still reviews both modules', () => {
    const dir = workspace({
      'a/main.tf': 'module "b" {\n  source = "../b"\n}\n\nresource "aws_ebs_volume" "a" {\n  availability_zone = "eu-west-1a"\n  size = 1\n  encrypted = false\n}\n',
      'b/main.tf': 'module "a" {\n  source = "../a"\n}\n',
    });
    const result = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
    const cycles = result.errors.filter((e) => e.kind === 'module-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toMatch(/cycle of module calls \((a|b) → (a|b) → (a|b)\)/);
    expect(result.findings.map((f) => f.file)).toEqual([join(dir, 'a/main.tf')]);
  });

  it('says on the call that closes a cycle what the editor says on that call', () => {
    // The soak test (seed 3992862937) typed a module that calls itself: the editor said "starts", a whole review "closes".
    for (const files of <Array<Record<string, string>>>[
      { 'main.tf': 'module "self" {\n  source = "./"\n}\n' },
      { 'a/main.tf': 'module "b" {\n  source = "../b"\n}\n', 'b/main.tf': 'module "c" {\n  source = "../c"\n}\n', 'c/main.tf': 'module "a" {\n  source = "../a"\n}\n' },
    ]) {
      const dir = workspace(files);
      const result = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
      const cycles = result.errors.filter((e) => e.kind === 'module-cycle');
      expect(cycles).toHaveLength(1);
      // The editor reviews one module at a time and reports each module's own call on the cycle.
      const modules = Object.keys(files).map((f) => {
        const path = join(dir, f);
        return buildModule(dirname(path), [parseSource(path, readFileSync(path, 'utf8'))], []);
      });
      const edges = localCalls(modules);
      const editor = modules.flatMap((m) => callCyclesThrough(m.dir, edges.get(m.dir) ?? [], (d) => (edges.get(d) ?? []).map((c) => c.target), dir));
      expect(editor).toHaveLength(modules.length);
      expect(editor).toContainEqual(cycles[0]);
      expect(cycles[0]!.message).toMatch(/^module\.\w+ leads back to this module, a cycle of module calls \((\. → \.|[abc] → [abc] → [abc] → [abc])\): /);
    }
  });

  it('follows calls nested 10 deep, and no deeper', () => {
    /** m0 → m1 → … → m<calls>: m0 passes false, the others pass it on, the last encrypts with it. */
    const chain = (calls: number) => {
      const files: Record<string, string> = {};
      for (let i = 0; i <= calls; i++) {
        files[`m${i}/main.tf`] =
          i < calls
            ? `${i ? 'variable "enc" {\n  type = bool\n}\n\n' : ''}module "next" {\n  source = "../m${i + 1}"\n  enc    = ${i === 0 ? 'false' : 'var.enc'}\n}\n`
            : 'variable "enc" {\n  type = bool\n}\n\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n  size      = 1\n  encrypted = var.enc\n}\n';
      }
      const dir = workspace(files);
      const result = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
      return result.findings.map((f) => `${f.file.slice(dir.length + 1)}:${f.range.start.line}`);
    };
    expect(chain(10)).toEqual(['m0/main.tf:3']);
    expect(chain(11)).toEqual([]);
  });

  it('lets outputs flow back into the caller', () => {
    const dir = workspace({
      'main.tf':
        'module "db" {\n  source = "./modules/db"\n  name   = "x"\n  storage_encrypted = true\n}\n\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n  size      = 1\n  encrypted = !module.db.encrypted\n}\n',
      'modules/db/main.tf': DB_MODULE,
    });
    const { findings } = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
    expect(findings.map((f) => `${f.range.start.line} ${f.address}`)).toEqual(['10 aws_ebs_volume.v']);
  });

  it('drops the undecided items of a callee that every caller decides, and keeps those a caller leaves open', () => {
    const decided = workspace({
      'main.tf': 'module "db" {\n  source            = "./modules/db"\n  name              = "x"\n  storage_encrypted = true\n}\n',
      'modules/db/main.tf': DB_MODULE,
    });
    const undecidedIn = (dir: string) => analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') }).undecided.map((u) => u.file.slice(dir.length + 1));
    expect(undecidedIn(decided)).toEqual([]);
    const open = workspace({
      'main.tf': 'module "db" {\n  source            = "./modules/db"\n  name              = "x"\n  storage_encrypted = true\n}\n',
      'other/main.tf': 'variable "enc" {\n  type = bool\n}\n\nmodule "db" {\n  source            = "../modules/db"\n  name              = "y"\n  storage_encrypted = var.enc\n}\n',
      'modules/db/main.tf': DB_MODULE,
    });
    expect(undecidedIn(open)).toEqual(['modules/db/main.tf']);
    // Reviewed on its own, the callee keeps its item.
    const alone = workspace({ 'modules/db/main.tf': DB_MODULE });
    expect(undecidedIn(alone)).toEqual(['modules/db/main.tf']);
  });

  it("converts a caller's value by the variable's type: optional object attributes the caller leaves out get their default", () => {
    const dir = workspace({
      'main.tf':
        'module "volumes" {\n  source = "./modules/volumes"\n  volumes = {\n    logs = {}\n    scratch = { encrypted = false }\n    data = { size = 100 }\n  }\n}\n',
      'modules/volumes/main.tf':
        'variable "volumes" {\n  type = map(object({\n    size      = optional(number, 10)\n    encrypted = optional(bool, true)\n    tags      = optional(map(string))\n  }))\n}\n\n' +
        'resource "aws_ebs_volume" "this" {\n  for_each          = var.volumes\n  availability_zone = "eu-west-1a"\n  size              = each.value.size\n  encrypted         = each.value.encrypted\n  tags              = each.value.tags\n}\n',
    });
    const { findings, undecided } = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
    // Only "scratch" turns encryption off; the others get optional(bool, true).
    expect(findings.map((f) => `${f.file.slice(dir.length + 1)}:${f.range.start.line} ${f.address}`)).toEqual(['main.tf:3 module.volumes.aws_ebs_volume.this']);
    expect(undecided.filter((u) => u.file.startsWith(dir) && !u.file.includes('modules'))).toEqual([]);
  });

  it('stops following calls past the instance limit, and says so once (for_each over large literals at every level)', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `k${i} = ${i}`).join(', ');
    const level = (next: string) => `variable "n" {\n  type = number\n}\n\nmodule "next" {\n  source   = "${next}"\n  for_each = { ${keys} }\n  n        = each.value\n}\n`;
    const dir = workspace({
      'main.tf': level('./a').replace(/variable "n" \{\n  type = number\n\}\n\n/, ''),
      'a/main.tf': level('../b'),
      'b/main.tf': level('../c'),
      'c/main.tf': 'variable "n" {\n  type = number\n}\n\nresource "aws_ebs_volume" "v" {\n  availability_zone = "eu-west-1a"\n  size      = var.n\n  encrypted = false\n}\n',
    });
    const result = analyzeWorkspace({ cwd: dir, rules: only('encryption/at-rest') });
    const limits = result.errors.filter((e) => e.kind === 'module-limit');
    expect(limits).toHaveLength(1);
    expect(limits[0]!.message).toMatch(/more than 5000 module instances/);
    // The callee's own problem is still reported, once, in the callee.
    expect(result.findings.map((f) => f.file.slice(dir.length + 1))).toEqual(['c/main.tf']);
  });
});
