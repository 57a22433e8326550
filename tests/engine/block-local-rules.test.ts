import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceGraph } from '../../server/src/engine/analyze.js';
import { defaultConfig } from '../../server/src/engine/config/load-config.js';
import { NodeFileHost } from '../../server/src/engine/host.js';
import { RuleMemory, type RuleRunResult } from '../../server/src/engine/incremental/rule-memory.js';
import { CarryPass } from '../../server/src/engine/incremental/block-carry.js';
import { buildModule, declaresResource } from '../../server/src/engine/model/build-module.js';
import type { Module } from '../../server/src/engine/model/module.js';
import type { Block, BodyItem, SourceFile } from '../../server/src/engine/parse/ast.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { reparseSource } from '../../server/src/engine/parse/reparse.js';
import { offsetAt } from '../../server/src/engine/range.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import { SeededRandom } from '../../server/src/engine/exercise/generator/prng.js';
import type { Rule } from '../../server/src/engine/rules/rule.js';

/**
 * The editor's incremental review (incremental/rule-memory.ts) against a
 * whole review, on every fixture module: each resource and data block in
 * turn is edited in place — its text kept, a `true`/`false` flipped, a
 * string changed to `*`, its name changed, the block blanked out — through
 * the real re-parse, and after every edit the remembered run of each
 * block-local rule must say exactly what a fresh run says. This is what
 * makes `blockLocal` a claim that can fail: a rule that judges a block by
 * one it is not connected to gives stale findings here.
 *
 * `BLOCK_LOCAL_ALL=1` checks every rule as if it were declared block-local
 * (to see which could be).
 */
const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..', 'test-fixtures');
const SKIP = new Set(['bad-input', 'parser']);
const everyRule = process.env.BLOCK_LOCAL_ALL === '1';
const declared: Rule<any>[] = RULES.filter((r) => r.check && !r.meta.diffOnly && !r.meta.planOnly && (everyRule || r.meta.blockLocal)).map((r) =>
  r.meta.blockLocal ? r : { ...r, meta: { ...r.meta, blockLocal: true } },
);

function moduleDirs(dir: string, out: string[] = []): string[] {
  const names = readdirSync(dir).sort();
  if (names.some((n) => n.endsWith('.tf'))) out.push(dir);
  for (const n of names) {
    if (SKIP.has(n) || n === 'plan.json') continue;
    const p = join(dir, n);
    if (statSync(p).isDirectory()) moduleDirs(p, out);
  }
  return out;
}

type Edit = (text: string, from: number, to: number) => string | undefined;

/** Edits inside [from, to) — a block's text — that keep the line count, so the blocks around are kept as they are. */
const EDITS: Record<string, Edit> = {
  'kept as it was': (text, from, to) => text.slice(0, from) + text.slice(from, to) + text.slice(to),
  'true and false flipped': (text, from, to) => {
    const body = text.slice(from, to);
    const flipped = body.replace(/\b(true|false)\b/g, (b) => (b === 'true' ? 'false' : 'true'));
    return flipped === body ? undefined : text.slice(0, from) + flipped + text.slice(to);
  },
  'a string changed to *': (text, from, to) => {
    const body = text.slice(from, to);
    // The first quoted string after the block's labels, without interpolation.
    const brace = body.indexOf('{');
    const m = /"([^"$\\\n]*)"/.exec(body.slice(brace));
    if (brace < 0 || !m) return undefined;
    const at = from + brace + m.index;
    return text.slice(0, at) + '"*"' + text.slice(at + m[0].length);
  },
  'renamed': (text, from, to) => {
    const body = text.slice(from, to);
    const brace = body.indexOf('{');
    const label = body.slice(0, brace).lastIndexOf('"');
    if (brace < 0 || label < 0) return undefined;
    const at = from + label;
    return text.slice(0, at) + '_renamed' + text.slice(at);
  },
  'blanked out': (text, from, to) => text.slice(0, from) + text.slice(from, to).replace(/[^\n]/g, ' ') + text.slice(to),
};

function canonical(run: RuleRunResult): string[] {
  const findings = run.findings.map((f) =>
    JSON.stringify([f.ruleId, f.severity, f.file, f.range, f.message, f.address ?? null, f.related ?? null, f.fix ?? null]),
  );
  const undecided = run.undecided.map((u) => JSON.stringify(['undecided', u.ruleId, u.file, u.range, u.text, u.reason, u.address ?? null]));
  const errors = run.errors.map((e) => JSON.stringify(['error', e.file, e.message]));
  return [...findings, ...undecided, ...errors].sort();
}

/** One config per folder, as the editor keeps it: another config object is another signature, and a whole run. */
const configs = new Map<string, ReturnType<typeof defaultConfig>>();

function review(module: Module, dir: string, rules: readonly Rule<any>[], memory: RuleMemory | undefined): Map<string, string[]> {
  let config = configs.get(dir);
  if (!config) configs.set(dir, (config = defaultConfig(dir)));
  const graph = workspaceGraph({ host: new NodeFileHost(dir), config, rules, fixes: 'lazy', ...(memory ? { ruleMemory: memory } : {}) });
  const instance = graph.modules.standalone(module);
  graph.runs.setRole(instance, 'deployment');
  return new Map(rules.map((rule) => [rule.meta.id, canonical(graph.runs.run(instance, rule))]));
}


/**
 * The blocks the test edits: resource and data blocks, variables and `locals` blocks (the editor judges again the
 * blocks that read them), outputs (nothing in the module reads them).
 */
function edited(item: BodyItem): boolean {
  return declaresResource(item) || (item.kind === 'Block' && (item.type === 'variable' || item.type === 'locals' || item.type === 'output'));
}

/** Counts the runs over a view: the memory was used, not bypassed. */
class CountingMemory extends RuleMemory {
  views = 0;
  override run(ruleId: string, module: Module, signature: readonly unknown[], runOn: (view?: Module) => RuleRunResult): RuleRunResult {
    return super.run(ruleId, module, signature, (view) => {
      if (view) this.views++;
      return runOn(view);
    });
  }
}

/** An edit to one file of a module: its new text, and how a failure names it. */
interface ModuleEdit {
  fileIndex: number;
  text: string;
  what: string;
}

/**
 * Chained edits to each module of `dirs` — `editsOf` gives them, reading the
 * module's files as they are after the edits before — each followed by a
 * review with the memory and a fresh one; what the remembered runs got wrong.
 */
function staleAfter(
  dirs: readonly string[],
  rules: readonly Rule<any>[],
  editsOf: (dir: string, names: readonly string[], files: () => readonly SourceFile[]) => Iterable<ModuleEdit>,
): { stale: string[]; edits: number; views: number } {
  const stale: string[] = [];
  let edits = 0;
  let views = 0;
  for (const dir of dirs) {
    const names = readdirSync(dir).filter((n) => n.endsWith('.tf')).sort();
    let files = names.map((n) => parseSource(join(dir, n), readFileSync(join(dir, n), 'utf8')));
    const memory = new CountingMemory({ wholeRunShare: 1 });
    review(buildModule(dir, files, []), dir, rules, memory);
    for (const { fileIndex, text, what } of editsOf(dir, names, () => files)) {
      files = files.map((f, i) => (i === fileIndex ? reparseSource(f, text) : f));
      edits++;
      const module = buildModule(dir, files, []);
      const remembered = review(module, dir, rules, memory);
      const fresh = review(module, dir, rules, undefined);
      for (const [id, got] of remembered) {
        const want = fresh.get(id)!;
        if (JSON.stringify(got) !== JSON.stringify(want)) stale.push(`${id} in ${what}:\n  remembered ${got.join('\n    ')}\n  fresh      ${want.join('\n    ')}`);
      }
    }
    views += memory.views;
  }
  return { stale, edits, views };
}

/** Edits every resource and data block of every module in `dirs`, each edit after the last; what the remembered runs got wrong. */
function staleAfterEdits(dirs: readonly string[], rules: readonly Rule<any>[]): { stale: string[]; edits: number; views: number } {
  return staleAfter(dirs, rules, function* (dir, names, files) {
    for (let fileIndex = 0; fileIndex < files().length; fileIndex++) {
      const blockCount = files()[fileIndex]!.body.filter(edited).length;
      for (const [editName, edit] of Object.entries(EDITS)) {
        for (let b = 0; b < blockCount; b++) {
          const file = files()[fileIndex]!;
          const block = file.body.filter(edited)[b] as Block | undefined;
          if (!block) continue;
          const text = edit(file.text, offsetAt(file.lineStarts, block.range.start), offsetAt(file.lineStarts, block.range.end));
          if (text !== undefined) yield { fileIndex, text, what: `${dir.slice(ROOT.length + 1)}/${names[fileIndex]}, block ${b + 1} ${editName}` };
        }
      }
    }
  });
}

/** What a person mistypes or pastes: fragments that break the syntax, and whole lines and blocks. */
const FRAGMENTS = ['{', '}', '"', '${', '}"', '\n', '[', ']', '(', ')', '=', ',', '#', '/*', '*/', '<<EOT\n', 'EOT\n', '.', '*', ' ', 'x', 'var.', 'local.', 'true', '"a" ', 'é'];
const LINES = [
  '  tags = { Owner = "x" }\n',
  '  count = 2\n',
  '  lifecycle {\n    prevent_destroy = true\n  }\n',
  '  deletion_protection = false\n',
  '  cidr_blocks = ["0.0.0.0/0"]\n',
  'resource "aws_s3_bucket" "pasted" {\n  bucket = "b"\n}\n',
  'resource "aws_db_instance" "Pasted" "third" {\n}\n',
  'data "aws_iam_policy_document" "pasted" {}\n',
  'variable "pasted" {\n  default = true\n}\n',
  'locals {\n  pasted = "arn:aws:iam::123456789012:root"\n}\n',
];

/** Chained random edits to the files of each module in `dirs`, the syntax broken freely; what the remembered runs got wrong. */
function staleAfterRandomEdits(dirs: readonly string[], rules: readonly Rule<any>[], seed: number, editsPerModule: number): { stale: string[]; edits: number; views: number } {
  const random = new SeededRandom(seed);
  const int = (n: number) => Math.floor(random.next() * n);
  return staleAfter(dirs, rules, function* (dir, names, files) {
    for (let e = 0; e < editsPerModule; e++) {
      const fileIndex = int(files().length);
      const text = files()[fileIndex]!.text;
      const at = int(text.length + 1);
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
      const roll = random.next();
      const edited =
        roll < 0.3 ? text.slice(0, at) + random.pick(FRAGMENTS) + text.slice(at)
        : roll < 0.5 ? text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + int(12)))
        : roll < 0.65 ? text.slice(0, lineStart) + text.slice(lineEnd)
        : roll < 0.85 ? text.slice(0, lineStart) + random.pick(LINES) + text.slice(lineStart)
        : text.slice(0, at) + random.pick(['x', '_', '1', '-']) + text.slice(at);
      yield { fileIndex, text: edited, what: `${dir.slice(ROOT.length + 1)}, edit ${e + 1} of seed ${seed}, ${names[fileIndex]} now:\n${edited}\n` };
    }
  });
}

/** Not block-local: it judges each resource by how many there are. */
const counting: Rule<any> = {
  meta: { ...RULES[0]!.meta, id: 'test/counting', blockLocal: true },
  check(ctx) {
    for (const r of ctx.module.resources) ctx.report({ file: r.file, range: r.block.typeRange, message: `one of ${ctx.module.byAddress.size}` });
  },
};

describe('block-local rules: the editor judges again only what an edit can change', () => {
  const dirs = moduleDirs(ROOT);

  it('says after every edit what a fresh review says, on every fixture module', () => {
    expect(dirs.length).toBeGreaterThan(200);
    expect(declared.length).toBeGreaterThan(0);
    const { stale, edits, views } = staleAfterEdits(dirs, declared);
    if (everyRule) {
      const byRule = new Map<string, number>();
      for (const s of stale) byRule.set(s.split(' ')[0]!, (byRule.get(s.split(' ')[0]!) ?? 0) + 1);
      for (const s of stale) if (!/^(versioning\/provider-pinned|state\/remote-backend)/.test(s)) console.log(s);
      console.log(`not block-local on the fixtures (stale findings after edits): ${JSON.stringify([...byRule])}`);
    }
    expect(stale.slice(0, 10).join('\n')).toBe('');
    // Most rule runs after an edit ran over a view: the memory was used, not bypassed.
    expect(edits).toBeGreaterThan(2000);
    expect(views).toBeGreaterThan((edits * declared.length) / 2);
  }, 600_000);

  it('says what a fresh review says after random edits that break the syntax, as typing does (BLOCK_LOCAL_SEED=<n> replays others)', () => {
    // Every fourth fixture module with two or more files or resource blocks, and the example module: some 80 modules.
    const seed = Number(process.env.BLOCK_LOCAL_SEED ?? 20261205);
    const sample = dirs.filter((d, i) => i % 4 === 0 || d.endsWith('/example'));
    const { stale, edits, views } = staleAfterRandomEdits(sample, declared, seed, 40);
    expect(stale.slice(0, 5).join('\n')).toBe('');
    expect(edits).toBeGreaterThan(2000);
    // Most edits that break the syntax make the file parse afresh, and every block of it count as changed: about a fifth of the runs are over a view.
    expect(views).toBeGreaterThan((edits * declared.length) / 10);
  }, 600_000);

  /** The systematic edits, then random ones, to `sample`, for `rules`: stale findings, and how many kept values were given again. */
  const carriedRuns = (rules: readonly Rule<any>[], sample: readonly string[]) => {
    let reused = 0;
    const original = CarryPass.prototype.reuse;
    CarryPass.prototype.reuse = function (this: CarryPass<unknown>, block) {
      const kept = original.call(this, block);
      if (kept !== undefined) reused++;
      return kept;
    };
    try {
      const edited = staleAfterEdits(sample, rules);
      const random = staleAfterRandomEdits(sample, rules, Number(process.env.BLOCK_LOCAL_SEED ?? 20261205), 40);
      return { stale: [...edited.stale, ...random.stale], edits: edited.edits + random.edits, reused };
    } finally {
      CarryPass.prototype.reuse = original;
    }
  };

  it('gives the IAM rules, whose shared policy reading the editor keeps block by block, what a fresh review gives', () => {
    // Every IAM fixture module and every fourth other.
    const iam = RULES.filter((r) => r.check && r.meta.category === 'iam' && !r.meta.blockLocal);
    expect(iam.length).toBeGreaterThan(5);
    const { stale, edits, reused } = carriedRuns(iam, dirs.filter((d, i) => d.includes('/iam/') || d.endsWith('/example') || i % 4 === 0));
    expect(stale.slice(0, 5).join('\n')).toBe('');
    expect(edits).toBeGreaterThan(2000);
    // The kept readings were used, not bypassed.
    expect(reused).toBeGreaterThan(1000);
  }, 600_000);

  it.each([
    ['tagging/required-tags', '/tagging/'],
    ['secrets/hardcoded-secret', '/secrets/'],
  ])('gives %s, whose verdicts the editor keeps block by block, what a fresh review gives', (id, folder) => {
    const rules = RULES.filter((r) => r.meta.id === id);
    const { stale, edits, reused } = carriedRuns(rules, dirs.filter((d, i) => d.includes(folder) || d.endsWith('/example') || i % 3 === 0));
    expect(stale.slice(0, 5).join('\n')).toBe('');
    expect(edits).toBeGreaterThan(2000);
    expect(reused).toBeGreaterThan(1000);
  }, 600_000);

  it('catches a rule that is declared block-local but is not', () => {
    const { stale } = staleAfterEdits(dirs.slice(0, 40), [counting]);
    expect(stale.length).toBeGreaterThan(0);
    expect(staleAfterRandomEdits(dirs.slice(0, 20), [counting], 7, 20).stale.length).toBeGreaterThan(0);
  });
});
