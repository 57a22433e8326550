import type { Block, BodyItem, SourceFile } from '../parse/ast.js';
import { rangeText } from '../range.js';
import { declaresResource } from '../model/build-module.js';
import type { Module } from '../model/module.js';
import { itemReferences, READS_FILES } from './item-references.js';

/**
 * Between two versions of a module in the editor, the resource and data
 * blocks ("judged" blocks) a block-local rule must judge again: the ones
 * whose text changed, and those that read them (directly or through locals,
 * transitively), whose values may have changed with them. Blocks that read
 * a module call's outputs or a file (`file()`, `templatefile()`) are judged
 * again at every review: what they read can change without this module's
 * text changing.
 *
 * Undefined when anything else changed — a file added, removed or renamed,
 * any other top-level item (providers, module calls, the terraform block, a
 * `check` block), a variable file — or when
 * more than `wholeRunShare` of the blocks must be judged again anyway
 * (judging most blocks in a view costs more than the whole module once):
 * the rule then runs on the whole module. The reparse keeps an unchanged
 * block as the same object, so "unchanged" is identity.
 */
export function blocksToJudgeAgain(before: Module, after: Module, wholeRunShare = 0.5): Set<Block> | undefined {
  if (before.dir !== after.dir || before.isRoot !== after.isRoot || before.planned || after.planned) return undefined;
  const changedContext = changedContextNames(before, after);
  if (!changedContext) return undefined;
  const beforeJudged = new Set(judgedBlocks(before));
  const afterJudged = judgedBlocks(after);
  const afterSet = new Set(afterJudged);
  const added = afterJudged.filter((b) => !beforeJudged.has(b));
  const removed = [...beforeJudged].filter((b) => !afterSet.has(b));

  const graph = new ItemGraph(after);
  // What the changed blocks are known by, old name and new: whatever read either reads something else now.
  const changedNames: string[] = [...changedContext];
  for (const block of [...added, ...removed]) changedNames.push(...namesOf(block));
  const readers = graph.readersOf(changedNames, added);
  const dirty = new Set<Block>();
  for (const block of afterJudged) if (readers.has(block)) dirty.add(block);
  return dirty.size > wholeRunShare * afterJudged.length ? undefined : dirty;
}

/** A module's resource and data blocks, in file order: exactly those the model indexes (a rule judges every one, a view holds only those it lists). */
export function judgedBlocks(module: Module): Block[] {
  const out: Block[] = [];
  for (const file of module.files) for (const item of file.body) if (declaresResource(item)) out.push(item as Block);
  return out;
}

/**
 * The names of the variables and locals an edit changed, when the files are
 * the same in the same order and every other top-level item that is not a
 * judged block is the same object; undefined otherwise. A changed variable
 * or `locals` block changes the values its readers see, and nothing else:
 * a variable counts as changed unless only its description changed, a
 * local when its text changed or it was added or removed. A changed output
 * changes no value the module's own blocks read.
 */
function changedContextNames(before: Module, after: Module): string[] | undefined {
  if (before.files.length !== after.files.length || before.varFiles.length !== after.varFiles.length) return undefined;
  for (let i = 0; i < after.varFiles.length; i++) {
    const a = before.varFiles[i]!;
    const b = after.varFiles[i]!;
    if (a.path !== b.path || a.body.length !== b.body.length || a.body.some((item, j) => item !== b.body[j])) return undefined;
  }
  const names: string[] = [];
  for (let i = 0; i < after.files.length; i++) {
    const a = before.files[i]!;
    const b = after.files[i]!;
    if (a.path !== b.path) return undefined;
    const contextA = a.body.filter((item) => !declaresResource(item));
    const contextB = b.body.filter((item) => !declaresResource(item));
    if (contextA.length !== contextB.length) return undefined;
    for (let j = 0; j < contextB.length; j++) {
      const x = contextA[j]!;
      const y = contextB[j]!;
      if (x === y) continue;
      if (x.kind !== 'Block' || y.kind !== 'Block' || x.type !== y.type) return undefined;
      if (x.type === 'variable') {
        if (!sameText(withoutDescription(x), a, withoutDescription(y), b) || !sameLabels(x, y)) names.push(...namesOf(x), ...namesOf(y));
      } else if (x.type === 'locals') names.push(...changedLocals(x, a, y, b));
      else if (x.type === 'output') continue; // nothing in a module reads its own outputs (its callers do: not these rules' business)
      else return undefined;
    }
  }
  return names;
}

/** A variable's items other than its description: what its value depends on (its type, default, nullability, …). */
function withoutDescription(block: Block): BodyItem[] {
  return block.body.filter((item) => !(item.kind === 'Attribute' && item.name === 'description'));
}

function sameLabels(x: Block, y: Block): boolean {
  return x.labels.length === y.labels.length && x.labels.every((l, i) => l.value === y.labels[i]!.value);
}

/** Whether two lists of items are written the same, item by item (the same text parses to the same value). */
function sameText(xs: readonly BodyItem[], fx: SourceFile, ys: readonly BodyItem[], fy: SourceFile): boolean {
  return xs.length === ys.length && xs.every((item, i) => rangeText(fx, item.range) === rangeText(fy, ys[i]!.range));
}

/** The locals of two versions of a `locals` block whose text differs, or that only one has. */
function changedLocals(x: Block, fx: SourceFile, y: Block, fy: SourceFile): string[] {
  const names = (b: Block) => b.body.flatMap((item) => (item.kind === 'Attribute' ? [`local.${item.name}`] : []));
  // A nested block is not valid in `locals`: with one there, every local counts as changed.
  if (x.body.some((i) => i.kind === 'Block') || y.body.some((i) => i.kind === 'Block')) return [...names(x), ...names(y)];
  const texts = new Map<string, string>();
  for (const item of x.body) if (item.kind === 'Attribute') texts.set(item.name, rangeText(fx, item.range));
  const changed: string[] = [];
  for (const item of y.body) {
    if (item.kind !== 'Attribute') continue;
    if (texts.get(item.name) !== rangeText(fy, item.range)) changed.push(`local.${item.name}`);
    texts.delete(item.name);
  }
  for (const name of texts.keys()) changed.push(`local.${name}`);
  return changed;
}

/** The names other items read a top-level item by: `aws_s3_bucket.logs` and its wildcards, `local.x`, … */
function namesOf(item: BodyItem): string[] {
  if (item.kind !== 'Block') return [];
  const [first, second] = item.labels.map((l) => l.value);
  switch (item.type) {
    case 'resource':
      return first !== undefined && second !== undefined ? [`${first}.${second}`, `${first}.*`] : [];
    case 'data':
      return first !== undefined && second !== undefined ? [`data.${first}.${second}`, `data.${first}.*`, 'data.*'] : [];
    case 'variable':
      return first !== undefined ? [`var.${first}`, 'var.*'] : [];
    case 'module':
      return first !== undefined ? [`module.${first}`, 'module.*'] : [];
    default:
      return [];
  }
}

/** `provider.aws`, `provider.aws.west`: how the graph names a provider configuration. */
function providerName(p: { name: string; alias?: string }): string {
  return p.alias === undefined ? `provider.${p.name}` : `provider.${p.name}.${p.alias}`;
}

/** A node of the reference graph: a top-level item, or one local of a `locals` block. */
type Node = BodyItem;

/** Who reads what among a module's top-level items and locals. */
class ItemGraph {
  private readonly nodes: Node[] = [];
  private readonly names = new Map<Node, string[]>();
  /**
   * What a block reads without naming it: a resource or data block, the
   * configuration of its provider (its default tags, say), known as
   * `provider.aws` or `provider.aws.west`, which the provider block is
   * known by. An edit to the provider block itself means a whole run; an
   * edit to a local it reads reaches the blocks that use it this way.
   */
  private readonly implied = new Map<Node, string>();

  constructor(module: Module) {
    const providerNames = new Map<BodyItem, string>();
    for (const p of module.providers) providerNames.set(p.block, providerName(p));
    for (const r of [...module.resources, ...module.dataSources]) this.implied.set(r.block, providerName(r.provider));
    for (const file of module.files) {
      for (const item of file.body) {
        if (item.kind === 'Block' && item.type === 'locals') {
          for (const local of item.body) if (local.kind === 'Attribute') this.add(local, [`local.${local.name}`, 'local.*']);
        } else {
          const provider = providerNames.get(item);
          this.add(item, provider ? [provider] : namesOf(item));
        }
      }
    }
  }

  /**
   * Every node that reads one of `names`, or a node in `seeds`, transitively;
   * with the seeds themselves and every node that reads a module call or a file.
   */
  readersOf(names: readonly string[], seeds: readonly Node[]): Set<Node> {
    const readersByName = new Map<string, Node[]>();
    const found = new Set<Node>();
    const queue: string[] = [...names];
    const mark = (node: Node) => {
      if (found.has(node)) return;
      found.add(node);
      queue.push(...(this.names.get(node) ?? []));
    };
    const reads = (node: Node, ref: string) => {
      let list = readersByName.get(ref);
      if (!list) readersByName.set(ref, (list = []));
      list.push(node);
    };
    for (const node of this.nodes) {
      for (const ref of itemReferences(node)) {
        if (ref === READS_FILES || ref.startsWith('module.')) mark(node);
        reads(node, ref);
      }
      const provider = this.implied.get(node);
      if (provider) reads(node, provider);
    }
    for (const seed of seeds) mark(seed);
    for (let i = 0; i < queue.length; i++) {
      const name = queue[i]!;
      for (const reader of readersByName.get(name) ?? []) mark(reader);
    }
    return found;
  }

  private add(node: Node, names: string[]): void {
    this.nodes.push(node);
    this.names.set(node, names);
  }
}
