// A scan worker's reviews share the modules their calls reach and those modules' own rule runs
// (ModuleReviewer's shareCallees, workspace/standalone-runs.ts). Every review must be what a review on
// its own gives: checked module by module, in the scan's order, on the fixture folders that call modules
// and on a repository shaped like the public ones (examples calling the root, the root calling
// submodules, values that decide callee findings, a submodule whose role is its own, a cycle).
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workspaceGraph } from '../../server/src/engine/analyze.js';
import { defaultConfig } from '../../server/src/engine/config/load-config.js';
import { discoverModules } from '../../server/src/engine/discover.js';
import { NodeFileHost } from '../../server/src/engine/host.js';
import type { ModuleRole } from '../../server/src/engine/roles/module-role.js';
import { ModuleGraph } from '../../server/src/engine/workspace/module-graph.js';
import { StandaloneRuns } from '../../server/src/engine/workspace/standalone-runs.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import type { Rule } from '../../server/src/engine/rules/rule.js';
import { ModuleReviewer } from '../../server/src/lsp/module-reviewer.js';
import { overlayHostsFor } from '../../server/src/lsp/overlay-host.js';
import { scanOrder } from '../../server/src/lsp/review-service.js';
import { WorkspaceConfigs } from '../../server/src/lsp/workspace-configs.js';

const parent = mkdtempSync(join(tmpdir(), 'iac-review-shared-callees-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'main.tf': `
terraform {
  required_version = ">= 1.5"
}
variable "encrypted" {
  type    = bool
  default = true
}
variable "password" {
  type    = string
  default = null
}
resource "aws_db_instance" "this" {
  identifier          = "db"
  storage_encrypted   = var.encrypted
  password            = var.password
  deletion_protection = true
}
module "bucket" {
  source = "./modules/bucket"
  acl    = var.encrypted ? "private" : "public-read"
}
module "loop" {
  source = "./modules/loop-a"
}
output "arn" {
  value = module.bucket.arn
}
`,
  'modules/bucket/main.tf': `
variable "acl" {
  type = string
}
resource "aws_s3_bucket" "this" {
  bucket = "b"
}
resource "aws_s3_bucket_acl" "this" {
  bucket = aws_s3_bucket.this.id
  acl    = var.acl
}
output "arn" {
  value = aws_s3_bucket.this.arn
}
`,
  'modules/standalone/main.tf': `
terraform {
  backend "s3" {}
}
provider "aws" {
  region = "eu-west-1"
}
module "bucket" {
  source = "../bucket"
  acl    = "public-read"
}
`,
  'modules/loop-a/main.tf': `
module "b" {
  source = "../loop-b"
}
`,
  'modules/loop-b/main.tf': `
module "a" {
  source = "../loop-a"
}
resource "aws_security_group_rule" "open" {
  type        = "ingress"
  from_port   = 22
  to_port     = 22
  protocol    = "tcp"
  cidr_blocks = ["0.0.0.0/0"]
}
`,
  'examples/public/main.tf': `
module "root" {
  source    = "../.."
  encrypted = false
  password  = "hunter2-hunter2"
}
`,
  'examples/private/main.tf': `
module "root" {
  source = "../../"
}
module "standalone" {
  source = "../../modules/standalone"
}
`,
  'examples/twice/main.tf': `
module "root" {
  count     = 2
  source    = "../.."
  encrypted = count.index == 0
}
`,
};

function repository(): string {
  const root = join(parent, 'terraform-aws-demo');
  if (existsSync(root)) return parent;
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  // The fixture folders whose modules call modules, beside it.
  cpSync(join(__dirname, '..', '..', 'test-fixtures'), join(parent, 'fixtures'), { recursive: true });
  return parent;
}

/** Every module of the folder reviewed in the scan's order by one reviewer; what each review said, and how often each (module, rule) ran. */
function scan(folder: string, shareCallees: boolean) {
  const runs = new Map<string, number>();
  // The catalog, each rule counting its runs by module folder.
  const rules: Rule<any>[] = RULES.map((rule) => ({
    ...rule,
    check: (ctx) => {
      const key = `${ctx.module.dir}\u0000${rule.meta.id}`;
      runs.set(key, (runs.get(key) ?? 0) + 1);
      rule.check?.(ctx);
    },
  }));
  const hostFor = overlayHostsFor({ textOf: () => undefined, paths: () => [] });
  const configs = new WorkspaceConfigs(hostFor, RULES.map((r) => r.meta));
  configs.setFolders([folder]);
  const reviewer = new ModuleReviewer(hostFor, configs, { rules, shareCallees });
  const dirs = scanOrder(discoverModules(hostFor(folder), [folder], () => true).modules.map((m) => m.dir));
  const reviews = dirs.map((dir) => {
    const { analysis: _analysis, ...review } = reviewer.review(dir, 'none');
    return review;
  });
  return { dirs, reviews, runs: [...runs.values()].reduce((a, b) => a + b, 0) };
}

describe('a scan share reviews with the callees shared', () => {
  it('says of every module what a review on its own says, and runs the rules over called modules fewer times', () => {
    const folder = repository();
    const alone = scan(folder, false);
    const shared = scan(folder, true);
    expect(shared.dirs).toEqual(alone.dirs);
    expect(alone.dirs.length).toBeGreaterThan(20);
    for (let i = 0; i < alone.dirs.length; i++) expect(shared.reviews[i], alone.dirs[i]).toEqual(alone.reviews[i]);
    // The examples' reviews found callers' findings: the comparison covered what sharing can change.
    const demo = join(folder, 'terraform-aws-demo', 'examples', 'public');
    const publicExample = alone.reviews[alone.dirs.indexOf(demo)]!;
    expect(publicExample.findings.some((f) => f.message.startsWith('module.root → '))).toBe(true);
    expect(shared.runs).toBeLessThan(alone.runs);
  });
});

describe('standalone runs kept across reviews', () => {
  // A rule whose verdict depends on the role: it reports every resource of a module run as a callee.
  const roleRule: Rule<any> = {
    meta: { ...RULES[0]!.meta, id: 'test/role-echo' },
    check: (ctx) => {
      for (const r of ctx.module.resources) ctx.report({ file: r.file, range: r.block.range, message: `in role ${ctx.role}` });
    },
  };

  function reviewWith(folder: string, runs: StandaloneRuns, calleeRole: ModuleRole) {
    const host = new NodeFileHost(folder);
    const config = defaultConfig(folder);
    const graph = workspaceGraph({ host, config, rules: [roleRule], fixes: 'none', standaloneRuns: runs });
    graph.roleOf = (dir) => (dir === folder ? 'deployment' : calleeRole);
    const root = graph.modules.loader.loadDir(folder)!.module!;
    const callee = graph.modules.loader.loadDir(join(folder, 'modules', 'bucket'))!.module!;
    return { graph, root, callee };
  }

  it('keys a called module\'s runs by the role it ran in, and never gives the reviewed module kept runs', () => {
    const folder = join(repository(), 'terraform-aws-demo');
    const runs = new StandaloneRuns();
    const first = reviewWith(folder, runs, 'module');
    const asModule = first.graph.runs.run(first.graph.modules.standalone(first.callee), roleRule);
    expect(asModule.findings.map((f) => f.message)).toEqual(['in role module', 'in role module']);
    // Another review of the scan, the same module object (a shared loader), the same role: the kept run.
    const again = workspaceGraph({ host: first.graph.modules.host, config: defaultConfig(folder), rules: [roleRule], fixes: 'none', standaloneRuns: runs });
    again.roleOf = () => 'module';
    expect(again.runs.run(new ModuleGraph(first.graph.modules.loader).standalone(first.callee), roleRule)).toBe(asModule);
    // Its role moved (a caller found later, its own facts read): run again.
    const moved = workspaceGraph({ host: first.graph.modules.host, config: defaultConfig(folder), rules: [roleRule], fixes: 'none', standaloneRuns: runs });
    moved.roleOf = () => 'deployment';
    const asDeployment = moved.runs.run(new ModuleGraph(first.graph.modules.loader).standalone(first.callee), roleRule);
    expect(asDeployment.findings.map((f) => f.message)).toEqual(['in role deployment', 'in role deployment']);
    // The module reviewed (its role set by the review) runs afresh: its findings are the review's own to place.
    const reviewed = workspaceGraph({ host: first.graph.modules.host, config: defaultConfig(folder), rules: [roleRule], fixes: 'none', standaloneRuns: runs });
    const instance = new ModuleGraph(first.graph.modules.loader).standalone(first.callee);
    reviewed.runs.setRole(instance, 'module');
    const own = reviewed.runs.run(instance, roleRule);
    expect(own).not.toBe(asModule);
    expect(own.findings).toEqual(asModule.findings);
  });
});
