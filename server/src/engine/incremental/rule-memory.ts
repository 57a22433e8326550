import type { Finding, InputError, UndecidedItem } from '../finding.js';
import type { Module } from '../model/module.js';
import type { Block, BodyItem, SourceFile } from '../parse/ast.js';
import { topLevelItemAt } from '../parse/top-level-item.js';
import { offsetAt, type Range } from '../range.js';
import { blocksToJudgeAgain, isJudged } from './changed-items.js';

/** What one run of one rule over a module said. */
export interface RuleRunResult {
  findings: Finding[];
  undecided: UndecidedItem[];
  errors: InputError[];
  /** Whether the run read anything a caller can change. */
  readsInputs: boolean;
}

/**
 * A block's findings last time are reused while they hold no more than this
 * many versions of the module alive: a lazy fix keeps the file it was
 * computed from, so reuse across edits to many blocks would keep every
 * version of a large file. Past it, the rule runs on the whole module again.
 */
const MAX_VERSIONS = 4;

interface InBlock {
  findings: Finding[];
  undecided: UndecidedItem[];
  /** The version of the module the findings were made in. */
  version: number;
}

interface Remembered {
  module: Module;
  signature: readonly unknown[];
  readsInputs: boolean;
  inBlocks: Map<BodyItem, InBlock>;
}

/**
 * The editor's memory of one module's last rule runs (one per module
 * folder, kept by the language server between reviews). A rule declared
 * `blockLocal` runs, after an edit, only over the resource and data blocks
 * the edit can change (changed-items.ts); what it said about every other
 * block is taken from its last run. Anything it cannot vouch for — another
 * setting, role or fix mode (`signature`), a changed variable, local,
 * provider or file, a run that failed, a finding placed in a block the view
 * did not hold — means a run over the whole module, as without memory.
 */
export class RuleMemory {
  private readonly byRule = new Map<string, Remembered>();
  private readonly versions = new WeakMap<Module, number>();
  private nextVersion = 0;
  private lastChange: { before: Module; after: Module; blocks: Set<Block> | undefined } | undefined;

  /** `wholeRunShare`: past this share of blocks to judge again, the whole module is run (tests set 1). */
  constructor(private readonly options: { wholeRunShare?: number } = {}) {}

  /**
   * The rule's result on `module`: `runOn(undefined)` runs it on the whole
   * module, `runOn(view)` on a view holding only some of its resource and
   * data blocks (everything else as it is).
   */
  run(ruleId: string, module: Module, signature: readonly unknown[], runOn: (view?: Module) => RuleRunResult): RuleRunResult {
    const previous = this.byRule.get(ruleId);
    const version = this.versionOf(module);
    const blocks = previous && sameSignature(previous.signature, signature) ? this.toJudgeAgain(previous.module, module) : undefined;
    if (previous && blocks) {
      const reused = reusable(previous, module, blocks);
      if (reused) {
        const fresh = runOn(viewOf(module, blocks));
        const merged = fresh.errors.length ? undefined : merge(module, blocks, fresh, reused, version, previous.readsInputs);
        if (merged) {
          this.byRule.set(ruleId, { module, signature, readsInputs: merged.result.readsInputs, inBlocks: merged.inBlocks });
          return merged.result;
        }
      }
    }
    const whole = runOn(undefined);
    if (whole.errors.length) this.byRule.delete(ruleId);
    else this.byRule.set(ruleId, { module, signature, readsInputs: whole.readsInputs, inBlocks: attribute(module, whole, version)?.inBlocks ?? new Map() });
    return whole;
  }

  private versionOf(module: Module): number {
    let v = this.versions.get(module);
    if (v === undefined) this.versions.set(module, (v = this.nextVersion++));
    return v;
  }

  /** The blocks to judge again between two versions: worked out once per pair, for every rule. */
  private toJudgeAgain(before: Module, after: Module): Set<Block> | undefined {
    if (before === after) return new Set();
    const last = this.lastChange;
    if (last && last.before === before && last.after === after) return last.blocks;
    const blocks = blocksToJudgeAgain(before, after, this.options.wholeRunShare);
    this.lastChange = { before, after, blocks };
    return blocks;
  }
}

function sameSignature(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What the last run said about the blocks not judged again, unless that keeps too many versions alive. */
function reusable(previous: Remembered, module: Module, again: ReadonlySet<BodyItem>): Map<BodyItem, InBlock> | undefined {
  const out = new Map<BodyItem, InBlock>();
  const versions = new Set<number>();
  for (const file of module.files) {
    for (const item of file.body) {
      if (!isJudged(item) || again.has(item)) continue;
      const known = previous.inBlocks.get(item);
      if (!known) continue;
      out.set(item, known);
      versions.add(known.version);
    }
  }
  // The new version counts too.
  return versions.size + 1 > MAX_VERSIONS ? undefined : out;
}

/** A module whose rules see only `blocks` among its resource and data blocks. */
function viewOf(module: Module, blocks: ReadonlySet<BodyItem>): Module {
  return {
    ...module,
    resources: module.resources.filter((r) => blocks.has(r.block)),
    dataSources: module.dataSources.filter((d) => blocks.has(d.block)),
  };
}

interface Attributed {
  inBlocks: Map<BodyItem, InBlock>;
  /** Findings and items outside every resource and data block. */
  elsewhere: { findings: Finding[]; undecided: UndecidedItem[] };
}

/**
 * The resource or data block a finding names (`aws_iam_policy.x`,
 * `aws_s3_bucket.b["k"]`); none when two blocks have that address.
 */
function addressed(module: Module, address: string | undefined): Block | undefined {
  if (address === undefined) return undefined;
  const index = address.indexOf('[');
  const base = index < 0 ? address : address.slice(0, index);
  const ref = module.byAddress.get(base);
  return ref && 'mode' in ref && !duplicatedAddresses(module).has(base) ? ref.block : undefined;
}

const duplicates = new WeakMap<Module, Set<string>>();

/** Addresses more than one resource or data block of the module has (the model keeps the first). */
function duplicatedAddresses(module: Module): Set<string> {
  let out = duplicates.get(module);
  if (!out) {
    const seen = new Set<string>();
    out = new Set();
    for (const r of [...module.resources, ...module.dataSources]) {
      if (seen.has(r.address)) out.add(r.address);
      seen.add(r.address);
    }
    duplicates.set(module, out);
  }
  return out;
}

/** The top-level item a finding is placed in. */
function placed(files: ReadonlyMap<string, SourceFile>, item: { file: string; range: Range }): BodyItem | undefined {
  const file = files.get(item.file);
  return file && topLevelItemAt(file, offsetAt(file.lineStarts, item.range.start));
}

/**
 * A run's findings and undecided items by the resource or data block they
 * are about: the one their address names, else the one that holds them.
 */
function attribute(module: Module, run: RuleRunResult, version: number): Attributed | undefined {
  const files = new Map<string, SourceFile>();
  for (const f of module.files) files.set(f.path, f);
  for (const f of module.varFiles) if (!files.has(f.path)) files.set(f.path, f);
  const inBlocks = new Map<BodyItem, InBlock>();
  const elsewhere: Attributed['elsewhere'] = { findings: [], undecided: [] };
  const place = (item: { file: string; range: Range; address?: string }): InBlock | undefined => {
    // Where it is placed, unless that is not a resource or data block (a statement in a local is about the policy that reads it).
    const at = placed(files, item);
    const top = at && isJudged(at) ? at : addressed(module, item.address);
    if (!top) return undefined;
    let entry = inBlocks.get(top);
    if (!entry) inBlocks.set(top, (entry = { findings: [], undecided: [], version }));
    return entry;
  };
  for (const f of run.findings) (place(f)?.findings ?? elsewhere.findings).push(f);
  for (const u of run.undecided) (place(u)?.undecided ?? elsewhere.undecided).push(u);
  return { inBlocks, elsewhere };
}

/**
 * The view's findings with the remembered ones of every other block, in the
 * order of the blocks; undefined when the view placed a finding in a block
 * it did not hold (the rule is not block-local after all: the caller runs
 * it on the whole module).
 */
function merge(
  module: Module,
  again: ReadonlySet<BodyItem>,
  fresh: RuleRunResult,
  reused: Map<BodyItem, InBlock>,
  version: number,
  readsInputsBefore: boolean,
): { result: RuleRunResult; inBlocks: Map<BodyItem, InBlock> } | undefined {
  const attributed = attribute(module, fresh, version);
  if (!attributed) return undefined;
  for (const block of attributed.inBlocks.keys()) if (!again.has(block)) return undefined;
  const inBlocks = new Map<BodyItem, InBlock>();
  const findings: Finding[] = [];
  const undecided: UndecidedItem[] = [];
  for (const file of module.files) {
    for (const item of file.body) {
      if (!isJudged(item)) continue;
      const entry = again.has(item) ? attributed.inBlocks.get(item) : reused.get(item);
      if (!entry) continue;
      inBlocks.set(item, entry);
      for (const f of entry.findings) findings.push(f);
      for (const u of entry.undecided) undecided.push(u);
    }
  }
  for (const f of attributed.elsewhere.findings) findings.push(f);
  for (const u of attributed.elsewhere.undecided) undecided.push(u);
  // Reading inputs is remembered from the whole run: a view reads only part of what the rule reads.
  return { result: { findings, undecided, errors: [], readsInputs: readsInputsBefore || fresh.readsInputs }, inBlocks };
}
