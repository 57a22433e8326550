import type { Finding, InputError, UndecidedItem } from '../finding.js';
import type { Module } from '../model/module.js';
import type { Block, BodyItem, SourceFile } from '../parse/ast.js';
import { topLevelItemAt } from '../parse/top-level-item.js';
import { offsetAt, type Range } from '../range.js';
import { BlockCarry, sameSignature } from './block-carry.js';
import { declaresResource } from '../model/build-module.js';
import { blocksToJudgeAgain, judgedBlocks } from './changed-items.js';

/** What one run of one rule over a module said. */
export interface RuleRunResult {
  findings: Finding[];
  undecided: UndecidedItem[];
  errors: InputError[];
  /** Whether the run read anything a caller can change. */
  readsInputs: boolean;
}

/**
 * A lazy fix keeps the file it was computed from, so findings reused across
 * edits to many blocks would keep every version of a large file alive. A
 * rule's findings are kept from the version most of them come from (the
 * module's first review, as a rule) and from this many recent others
 * besides the latest; a block whose findings come from another version is
 * judged again. None: typing from block to block keeps two versions.
 */
const RECENT_VERSIONS = 0;

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
  /** Only the blocks the rule said something about. */
  inBlocks: Map<BodyItem, InBlock>;
}

/** What every rule's run over one version of the module shares, worked out once. */
interface Version {
  number: number;
  /** Its resource and data blocks, in file order, with their index. */
  order: Map<BodyItem, number>;
  files: Map<string, SourceFile>;
}

/** Between two versions: the blocks to judge again (undefined: a whole run), and the view every rule sees. */
interface Change {
  before: Module;
  after: Module;
  blocks: Set<Block> | undefined;
  view?: Module;
}

/**
 * The editor's memory of one module's last rule runs (one per module
 * folder, kept by the language server between reviews). A rule declared
 * `blockLocal` runs, after an edit, only over the resource and data blocks
 * the edit can change (changed-items.ts); what it said about every other
 * block is taken from its last run. Anything it cannot vouch for — another
 * setting, role or fix mode (`signature`), a changed provider, module call,
 * output or file, a run that failed, a finding placed in a block the view
 * did not hold — means a run over the whole module, as without memory.
 * The work shared by the rules (the change, the view, each version's block
 * order) is done once per review; each rule's own work is in proportion to
 * the blocks it reported on and the blocks it judges again.
 */
export class RuleMemory {
  private readonly byRule = new Map<string, Remembered>();
  private readonly versions = new WeakMap<Module, Version>();
  private nextVersion = 0;
  private lastChange: Change | undefined;
  /** The module the last run was over. */
  private lastModule: Module | undefined;
  private readonly carries = new Map<object, BlockCarry<unknown>>();

  /**
   * `dir`: the folder of the module remembered (a review runs rules on the
   * modules its calls reach too, which this memory is not about); absent, any.
   * `wholeRunShare`: past this share of blocks to judge again, the whole
   * module is run (tests set 1).
   */
  constructor(private readonly options: { dir?: string; wholeRunShare?: number } = {}) {}

  /** Whether this is the memory of `module`'s folder. */
  isFor(module: Module): boolean {
    return this.options.dir === undefined || this.options.dir === module.dir;
  }

  /**
   * The rule's result on `module`: `runOn(undefined)` runs it on the whole
   * module, `runOn(view)` on a view holding only some of its resource and
   * data blocks (everything else as it is).
   */
  run(ruleId: string, module: Module, signature: readonly unknown[], runOn: (view?: Module) => RuleRunResult): RuleRunResult {
    this.lastModule = module;
    const previous = this.byRule.get(ruleId);
    const version = this.versionOf(module);
    const change = previous && sameSignature(previous.signature, signature) ? this.changeBetween(previous.module, module) : undefined;
    if (previous && change?.blocks) {
      const { reused, stale } = reusable(previous, version, change.blocks);
      let again: ReadonlySet<BodyItem> = change.blocks;
      let view: Module;
      if (stale.length) {
        again = new Set<BodyItem>([...change.blocks, ...stale]);
        view = viewOf(module, again);
      } else view = change.view ??= viewOf(module, change.blocks);
      const fresh = runOn(view);
      const merged = fresh.errors.length ? undefined : merge(module, version, again, fresh, reused, previous.readsInputs);
      if (merged) {
        this.byRule.set(ruleId, { module, signature, readsInputs: merged.result.readsInputs, inBlocks: merged.inBlocks });
        return merged.result;
      }
    }
    const whole = runOn(undefined);
    if (whole.errors.length) this.byRule.delete(ruleId);
    else this.byRule.set(ruleId, { module, signature, readsInputs: whole.readsInputs, inBlocks: attribute(module, version, whole).inBlocks });
    return whole;
  }

  /**
   * Works out, before the rules run, what changed since the module the
   * memory last saw: the review yields after it, so that this work and the
   * first rule's do not hold the editor's event loop together.
   */
  prepare(module: Module): void {
    const last = this.lastModule;
    if (last && last !== module) this.changeBetween(last, module);
    this.versionOf(module);
  }

  /**
   * A store for work the rules share, kept block by block across versions
   * (block-carry.ts), one per `key`: the IAM policy reading, say.
   */
  carry<T>(key: object): BlockCarry<T> {
    let carry = this.carries.get(key) as BlockCarry<T> | undefined;
    if (!carry) this.carries.set(key, (carry = new BlockCarry<T>((before, after) => this.changeBetween(before, after).blocks)));
    return carry;
  }

  /** How many versions of the module the rule's remembered findings come from (at most RECENT_VERSIONS + 2: the base, the recent ones, the latest). */
  versionsKept(ruleId: string): number {
    return new Set([...(this.byRule.get(ruleId)?.inBlocks.values() ?? [])].map((e) => e.version)).size;
  }

  private versionOf(module: Module): Version {
    let v = this.versions.get(module);
    if (!v) {
      const order = new Map<BodyItem, number>(judgedBlocks(module).map((block, i) => [block, i]));
      const files = new Map<string, SourceFile>();
      for (const f of [...module.files, ...module.varFiles]) if (!files.has(f.path)) files.set(f.path, f);
      this.versions.set(module, (v = { number: this.nextVersion++, order, files }));
    }
    return v;
  }

  /** The change between two versions: worked out once per pair, for every rule. */
  private changeBetween(before: Module, after: Module): Change {
    const last = this.lastChange;
    if (last && last.before === before && last.after === after) return last;
    const blocks = before === after ? new Set<Block>() : blocksToJudgeAgain(before, after, this.options.wholeRunShare);
    return (this.lastChange = { before, after, blocks });
  }
}


/**
 * What the last run said about the blocks still there and not judged again;
 * `stale`: blocks whose findings come from a version no longer kept (see
 * RECENT_VERSIONS), to judge again too.
 */
function reusable(previous: Remembered, version: Version, again: ReadonlySet<BodyItem>): { reused: Map<BodyItem, InBlock>; stale: BodyItem[] } {
  const reused = new Map<BodyItem, InBlock>();
  const perVersion = new Map<number, number>();
  for (const [block, known] of previous.inBlocks) {
    if (again.has(block) || !version.order.has(block)) continue;
    reused.set(block, known);
    perVersion.set(known.version, (perVersion.get(known.version) ?? 0) + 1);
  }
  const stale: BodyItem[] = [];
  if (perVersion.size <= RECENT_VERSIONS + 1) return { reused, stale };
  // Keep the version most findings come from and the most recent others.
  const byCount = [...perVersion].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  const kept = new Set([byCount[0]![0], ...[...perVersion.keys()].filter((v) => v !== byCount[0]![0]).sort((a, b) => b - a).slice(0, RECENT_VERSIONS)]);
  for (const [block, known] of reused) {
    if (kept.has(known.version)) continue;
    reused.delete(block);
    stale.push(block);
  }
  return { reused, stale };
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
  // Up to the first `[`: a type or name cannot hold one, and an instance key can hold `]` (stripIndex, which keeps
  // a module path's own indexes, leaves `x.y["a[b]"]` whole).
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
function attribute(module: Module, version: Version, run: RuleRunResult): Attributed {
  const inBlocks = new Map<BodyItem, InBlock>();
  const elsewhere: Attributed['elsewhere'] = { findings: [], undecided: [] };
  const place = (item: { file: string; range: Range; address?: string }): InBlock | undefined => {
    // Where it is placed, unless that is not a resource or data block (a statement in a local is about the policy that reads it).
    const at = placed(version.files, item);
    const top = at && declaresResource(at) ? at : addressed(module, item.address);
    if (!top) return undefined;
    let entry = inBlocks.get(top);
    if (!entry) inBlocks.set(top, (entry = { findings: [], undecided: [], version: version.number }));
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
  version: Version,
  again: ReadonlySet<BodyItem>,
  fresh: RuleRunResult,
  reused: Map<BodyItem, InBlock>,
  readsInputsBefore: boolean,
): { result: RuleRunResult; inBlocks: Map<BodyItem, InBlock> } | undefined {
  const attributed = attribute(module, version, fresh);
  for (const block of attributed.inBlocks.keys()) if (!again.has(block)) return undefined;
  const inBlocks = new Map<BodyItem, InBlock>(reused);
  for (const [block, entry] of attributed.inBlocks) inBlocks.set(block, entry);
  const blocks = [...inBlocks.keys()].sort((a, b) => version.order.get(a)! - version.order.get(b)!);
  const findings: Finding[] = [];
  const undecided: UndecidedItem[] = [];
  for (const block of blocks) {
    const entry = inBlocks.get(block)!;
    for (const f of entry.findings) findings.push(f);
    for (const u of entry.undecided) undecided.push(u);
  }
  for (const f of attributed.elsewhere.findings) findings.push(f);
  for (const u of attributed.elsewhere.undecided) undecided.push(u);
  // Reading inputs is remembered from the whole run: a view reads only part of what the rule reads.
  return { result: { findings, undecided, errors: [], readsInputs: readsInputsBefore || fresh.readsInputs }, inBlocks };
}
