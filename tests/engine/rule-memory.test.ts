import { describe, expect, it } from 'vitest';
import { workspaceGraph } from '../../server/src/engine/analyze.js';
import { defaultConfig } from '../../server/src/engine/config/load-config.js';
import { NodeFileHost } from '../../server/src/engine/host.js';
import { RuleMemory } from '../../server/src/engine/incremental/rule-memory.js';
import { buildModule } from '../../server/src/engine/model/build-module.js';
import type { Module } from '../../server/src/engine/model/module.js';
import type { SourceFile } from '../../server/src/engine/parse/ast.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { reparseSource } from '../../server/src/engine/parse/reparse.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';

const DIR = '/nonexistent/rule-memory';
const rule = RULES.find((r) => r.meta.id === 'resilience/deletion-protection')!;
const config = defaultConfig(DIR);
/** One list, as the editor keeps it: another list is another signature, and a whole run. */
const rules = [rule];

/** Twelve databases without deletion protection: one finding each. */
const TEXT = Array.from({ length: 12 }, (_, i) => `resource "aws_db_instance" "db${i}" {\n  engine = "postgres"\n  identifier = "db-${i}"\n}\n`).join('\n');

function run(module: Module, memory: RuleMemory | undefined, views?: { count: number }) {
  const graph = workspaceGraph({ host: new NodeFileHost(DIR), config, rules, fixes: 'lazy', ...(memory ? { ruleMemory: memory } : {}) });
  const instance = graph.modules.standalone(module);
  if (views && memory) {
    const original = memory.run.bind(memory);
    memory.run = (id, m, sig, runOn) => original(id, m, sig, (view) => (view && views.count++, runOn(view)));
    try {
      return graph.runs.run(instance, rule);
    } finally {
      memory.run = original;
    }
  }
  return graph.runs.run(instance, rule);
}

const shown = (r: { findings: { message: string; range: unknown }[] }) => r.findings.map((f) => `${JSON.stringify(f.range)} ${f.message}`).sort();

describe('the editor\'s rule memory', () => {
  it('reuses the findings of blocks an edit leaves alone, and keeps findings of two versions of the module: the first review\'s and the latest', () => {
    expect(rule.meta.blockLocal).toBe(true);
    let file: SourceFile = parseSource(`${DIR}/main.tf`, TEXT);
    let module = buildModule(DIR, [file], []);
    const memory = new RuleMemory();
    const views = { count: 0 };
    expect(shown(run(module, memory, views))).toHaveLength(12);
    for (let i = 0; i < 12; i++) {
      // Retype one database's identifier, a different one each time: each edit leaves its findings in a new version.
      const text = file.text.replace(`"db-${i}"`, `"db-${i}x"`);
      file = reparseSource(file, text);
      module = buildModule(DIR, [file], []);
      const remembered = run(module, memory, views);
      expect(shown(remembered)).toEqual(shown(run(module, undefined)));
      expect(memory.versionsKept(rule.meta.id)).toBeLessThanOrEqual(2);
    }
    // Every edit ran over a view, none over the whole module.
    expect(views.count).toBe(12);
  });

  it('remembers what a rule said about a resource block with a third label, which the model indexes by its first two', () => {
    // Found by the soak test (seed 1507265083): the memory counted only blocks with two labels, so it neither kept nor
    // judged again this one, and its finding vanished at the next edit of another block.
    const naming = RULES.find((r) => r.meta.id === 'naming/identifier-format')!;
    expect(naming.meta.blockLocal).toBe(true);
    const namingRules = [naming];
    const runNaming = (module: Module, memory: RuleMemory | undefined) => {
      const graph = workspaceGraph({ host: new NodeFileHost(DIR), config, rules: namingRules, fixes: 'lazy', ...(memory ? { ruleMemory: memory } : {}) });
      return graph.runs.run(graph.modules.standalone(module), naming);
    };
    // In a file of its own, left as it is: the edit is in another file, so the reparse keeps this block as it was.
    const logs = parseSource(`${DIR}/logs.tf`, 'resource "aws_s3_bucket" "Logs" "extra"\n');
    let file: SourceFile = parseSource(`${DIR}/main.tf`, TEXT);
    let module = buildModule(DIR, [logs, file], []);
    expect(module.resources.map((r) => r.address)).toContain('aws_s3_bucket.Logs');
    const memory = new RuleMemory();
    const first = shown(runNaming(module, memory));
    expect(first.some((line) => line.includes('"Logs"'))).toBe(true);
    file = reparseSource(file, file.text.replace('"db-3"', '"db-3x"'));
    module = buildModule(DIR, [logs, file], []);
    expect(shown(runNaming(module, memory))).toEqual(first);
    expect(shown(runNaming(module, undefined))).toEqual(first);
  });

  it('judges nothing again when only an output changed: nothing in the module reads its own outputs', () => {
    let file: SourceFile = parseSource(`${DIR}/main.tf`, `${TEXT}\noutput "db" {\n  description = "the first"\n  value = aws_db_instance.db0.arn\n}\n`);
    let module = buildModule(DIR, [file], []);
    const memory = new RuleMemory();
    const views = { count: 0 };
    run(module, memory, views);
    file = reparseSource(file, file.text.replace('the first', 'the first database').replace('db0.arn', 'db1.arn'));
    module = buildModule(DIR, [file], []);
    expect(shown(run(module, memory, views))).toEqual(shown(run(module, undefined)));
    expect(views.count).toBe(1);
  });

  it('reads a policy document again when another block starts to use it, though the document itself is unchanged', () => {
    // The IAM rules share one policy reading, kept block by block (block-carry.ts); a document's reading depends on its uses.
    const iam = RULES.filter((r) => r.check && r.meta.category === 'iam' && !r.meta.blockLocal);
    const runIam = (module: Module, memory: RuleMemory | undefined) => {
      const graph = workspaceGraph({ host: new NodeFileHost(DIR), config, rules: iam, fixes: 'lazy', ...(memory ? { ruleMemory: memory } : {}) });
      const instance = graph.modules.standalone(module);
      return iam.flatMap((rule) => shown(graph.runs.run(instance, rule)));
    };
    const doc = 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["*"]\n    resources = ["*"]\n  }\n}\n';
    const role = 'resource "aws_iam_role" "r" {\n  name               = "r"\n  assume_role_policy = data.aws_iam_policy_document.d.json\n}\n';
    const policy = 'resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })\n}\n';
    // The policy in a file of its own: the edit there leaves the document's file, and the document, as they were.
    const docs = parseSource(`${DIR}/docs.tf`, `${doc}\n${role}\n${TEXT}`);
    let file: SourceFile = parseSource(`${DIR}/main.tf`, policy);
    let module = buildModule(DIR, [docs, file], []);
    const memory = new RuleMemory();
    const before = runIam(module, memory);
    expect(before).toEqual(runIam(module, undefined));
    file = reparseSource(file, policy.replace(/policy = jsonencode\(.*\)\n/, 'policy = data.aws_iam_policy_document.d.json\n'));
    module = buildModule(DIR, [docs, file], []);
    const after = runIam(module, memory);
    expect(after).toEqual(runIam(module, undefined));
    // Used as an identity policy now: its wildcards are reported.
    expect(after.length).toBeGreaterThan(before.length);
  });

  it('reports a secret that two resources reach through a local at the second, once the first stops reaching it', () => {
    // secrets/hardcoded-secret keeps what each block would report, reported or not (the first reporter wins).
    const secrets = RULES.filter((r) => r.meta.id === 'secrets/hardcoded-secret');
    const runSecrets = (module: Module, memory: RuleMemory | undefined) => {
      const graph = workspaceGraph({ host: new NodeFileHost(DIR), config, rules: secrets, fixes: 'lazy', ...(memory ? { ruleMemory: memory } : {}) });
      return shown(graph.runs.run(graph.modules.standalone(module), secrets[0]!));
    };
    const shared = 'locals {\n  shared = "hunter2hunter2"\n}\n\nresource "aws_db_instance" "b" {\n  password = local.shared\n}\n';
    const first = 'resource "aws_db_instance" "a" {\n  password = local.shared\n}\n';
    // The second resource in a file of its own, before the first: the edit leaves it, and its file, as they were.
    const other = parseSource(`${DIR}/b.tf`, `${shared}\n${TEXT}`);
    let file: SourceFile = parseSource(`${DIR}/c.tf`, first);
    let module = buildModule(DIR, [file, other], []);
    const memory = new RuleMemory();
    const before = runSecrets(module, memory);
    expect(before).toEqual(runSecrets(module, undefined));
    expect(before.filter((line) => line.includes('reaches password in aws_db_instance.a'))).toHaveLength(1);
    file = reparseSource(file, first.replace('local.shared', 'var.password'));
    module = buildModule(DIR, [file, other], []);
    const after = runSecrets(module, memory);
    expect(after).toEqual(runSecrets(module, undefined));
    expect(after.filter((line) => line.includes('reaches password in aws_db_instance.b'))).toHaveLength(1);
  });

  it('is not about the modules a review reaches through calls: their runs leave it as it was', () => {
    let file: SourceFile = parseSource(`${DIR}/main.tf`, TEXT);
    let module = buildModule(DIR, [file], []);
    const memory = new RuleMemory({ dir: DIR });
    const views = { count: 0 };
    run(module, memory, views);
    // A callee's verdicts, asked for during the caller's review (does a finding depend on the caller?).
    const callee = buildModule('/nonexistent/callee', [parseSource('/nonexistent/callee/main.tf', TEXT)], []);
    expect(memory.isFor(callee)).toBe(false);
    run(callee, memory, views);
    file = reparseSource(file, file.text.replace('"db-3"', '"db-3x"'));
    module = buildModule(DIR, [file], []);
    expect(shown(run(module, memory, views))).toEqual(shown(run(module, undefined)));
    // The edit ran over a view: the callee's run did not take the caller's place.
    expect(views.count).toBe(1);
  });

  it('runs the whole module when a provider changes', () => {
    let file: SourceFile = parseSource(`${DIR}/main.tf`, `${TEXT}\nprovider "aws" {\n  region = "eu-west-1"\n}\n`);
    let module = buildModule(DIR, [file], []);
    const memory = new RuleMemory();
    const views = { count: 0 };
    run(module, memory, views);
    file = reparseSource(file, file.text.replace('eu-west-1', 'eu-west-2'));
    module = buildModule(DIR, [file], []);
    expect(shown(run(module, memory, views))).toEqual(shown(run(module, undefined)));
    expect(views.count).toBe(0);
  });
});
