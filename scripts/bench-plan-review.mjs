// The plan review figure of `npm run bench` (issue 15): a 50,000-resource plan
// (scripts/make-plan.mjs) reviewed with the code it is a plan of — the whole
// review, plan read and fused, every rule — in a fresh process, against the
// same code reviewed alone. Target: ≤ 10 s and ≤ 1 GB peak RSS.
// BENCH_PLAN_RESOURCES overrides 50,000.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { writePlan } from './make-plan.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const RESOURCES = Number(process.env.BENCH_PLAN_RESOURCES ?? 50_000);
const TARGET_MS = 10_000;
const TARGET_MB = 1024;

/** Terraform code the plan is a plan of: one block per planned resource address, module calls as the plan has them. */
function writeCode(planFile, dir) {
  const plan = JSON.parse(readFileSync(planFile, 'utf8'));
  const blocks = new Map(); // module dir → Set of "mode type name"
  const calls = new Map(); // module dir → Map(call name → { source, forEach, count })
  const dirOf = (moduleAddress) => {
    const names = [...moduleAddress.matchAll(/module\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    return names.length ? join(dir, 'modules', ...names) : dir;
  };
  const add = (map, key, value) => (map.get(key) ?? map.set(key, new Set()).get(key)).add(value);
  for (const r of plan.resource_changes) {
    const moduleAddress = r.module_address ?? '';
    if (moduleAddress.startsWith('module.platform')) continue; // a registry module: not installed, no code
    if (r.change.actions.length === 1 && r.change.actions[0] === 'delete') continue; // removed from the code
    add(blocks, dirOf(moduleAddress), `${r.mode} ${r.type} ${r.name}${r.index !== undefined ? (typeof r.index === 'number' ? ' count' : ' for_each') : ''}`);
  }
  const mkcall = (parentDir, name, text) => {
    const map = calls.get(parentDir) ?? calls.set(parentDir, new Map()).get(parentDir);
    map.set(name, text);
  };
  mkcall(dir, 'platform', `module "platform" {\n  source  = "acme/platform/aws"\n  version = "3.2.0"\n  tags    = var.tags\n}\n`);
  mkcall(dir, 'service', `module "service" {\n  source   = "./modules/service"\n  for_each = var.services\n  name     = each.key\n  tags     = var.tags\n}\n`);
  mkcall(join(dir, 'modules', 'service'), 'net', `module "net" {\n  source = "./net"\n  name   = var.name\n  tags   = var.tags\n}\n`);
  for (const d of new Set([...blocks.keys(), ...calls.keys()])) {
    mkdirSync(d, { recursive: true });
    let text = d === dir
      ? `terraform {\n  required_version = "~> 1.9"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n  backend "s3" {}\n}\n\nprovider "aws" {\n  region = "eu-west-1"\n}\n\nvariable "services" {\n  type        = map(any)\n  description = "Services."\n}\n\n`
      : `variable "name" {\n  type        = string\n  description = "Name."\n}\n\n`;
    text += `variable "tags" {\n  type        = map(string)\n  description = "Tags."\n}\n\nvariable "public" {\n  type        = bool\n  description = "Public."\n  default     = null\n}\n\n`;
    for (const call of calls.get(d)?.values() ?? []) text += call + '\n';
    for (const b of blocks.get(d) ?? []) {
      const [mode, type, name, repeat] = b.split(' ');
      const head = `${mode === 'data' ? 'data' : 'resource'} "${type}" "${name}" {\n`;
      const meta = repeat === 'count' ? '  count = var.public == null ? 2 : 3\n' : '';
      const body = type === 'aws_iam_policy_document'
        ? '  statement {\n    actions   = var.tags["actions"] == null ? [] : ["s3:GetObject"]\n    resources = ["*"]\n  }\n'
        : type === 'aws_db_instance' ? '  publicly_accessible = var.public\n  tags                = var.tags\n' : mode === 'data' ? '' : '  tags = var.tags\n';
      text += head + meta + body + '}\n\n';
    }
    writeFileSync(join(d, 'main.tf'), text);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'iac-review-bench-plan-review-'));
try {
  const engine = join(dir, 'engine.mjs');
  await esbuild.build({
    stdin: {
      contents: `export { analyzeWorkspace } from './server/src/engine/analyze.ts'; export { readPlan } from './server/src/engine/plan/read-plan.ts';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    outfile: engine,
    logLevel: 'warning',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  const planFile = join(dir, 'plan.json');
  writePlan(RESOURCES, planFile);
  const code = join(dir, 'code');
  writeCode(planFile, code);
  const worker = join(dir, 'worker.mjs');
  writeFileSync(
    worker,
    `import { analyzeWorkspace, readPlan } from ${JSON.stringify(engine)};
const [code, plan] = process.argv.slice(2);
const started = performance.now();
const r = analyzeWorkspace({ cwd: code, paths: [code], undecided: false, ...(plan ? { plan: readPlan(plan) } : {}) });
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, findings: r.findings.length, errors: r.errors.length, notes: r.planNotes ?? [], peakRssMb: process.resourceUsage().maxRSS / 1024 }));
`,
  );
  const run = (...args) => JSON.parse(execFileSync(process.execPath, [worker, code, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  console.log(`\nplan review: ${RESOURCES} resources, plan ${(statSync(planFile).size / 1e6).toFixed(0)} MB, code generated to match it`);
  const alone = run();
  const withPlan = run(planFile);
  console.log(`  code alone:      ${alone.ms.toFixed(0).padStart(6)} ms  ${alone.peakRssMb.toFixed(0).padStart(5)} MB peak RSS  ${alone.findings} findings`);
  console.log(`  code + plan:     ${withPlan.ms.toFixed(0).padStart(6)} ms  ${withPlan.peakRssMb.toFixed(0).padStart(5)} MB peak RSS  ${withPlan.findings} findings (target ≤ ${TARGET_MS} ms, ≤ ${TARGET_MB} MB)`);
  for (const n of withPlan.notes) console.log(`  note: ${n}`);
  if (process.env.BENCH_STRICT === '1' && (withPlan.ms > TARGET_MS || withPlan.peakRssMb > TARGET_MB)) {
    console.error('plan review target missed');
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
