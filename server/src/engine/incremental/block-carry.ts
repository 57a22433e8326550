import type { Module } from '../model/module.js';
import type { Block, BodyItem, SourceFile } from '../parse/ast.js';
import { topLevelItemAt } from '../parse/top-level-item.js';
import { offsetAt, type Range } from '../range.js';

/** Whether two signatures (what else a kept result depends on) hold the same objects, item by item. */
export function sameSignature(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A place a kept value points into: a file of the module (by path) and a range in it. */
export interface CarriedPlace {
  file: string;
  range: Range;
}

interface Entry<T> {
  value: T;
  /** The top-level items the value's places lie in, as they were when it was made. */
  touched: readonly BodyItem[];
}

/**
 * Work shared by the rules of the editor's review — the reading of every IAM
 * policy, say — kept block by block from one version of a module to the
 * next. A value kept for a block is given again (`reuse`) only when
 *
 * - the edit leaves the block alone: it is not among the blocks an edit can
 *   change (changed-items.ts: its text, and what it reads, transitively), and
 * - every top-level item the value points into (`touched`: where its
 *   findings would be placed, the locals it was read through) is still the
 *   same object, so every range it holds is still right.
 *
 * A pass (`pass`) over a module keeps only what it is given (`keep`): values
 * of blocks gone or not read again are let go, and nothing refers to an
 * older version of a file (a value names files by path).
 */
export class BlockCarry<T> {
  private module: Module | undefined;
  private signature: readonly unknown[] = [];
  private entries = new Map<Block, Entry<T>>();

  constructor(private readonly changedSince: (before: Module, after: Module) => ReadonlySet<Block> | undefined) {}

  /**
   * Runs `read` as one pass over `module`: `reuse` offers what the last
   * complete pass kept, and `keep` what this one keeps. `signature` is what
   * else the values depend on (a rule's options): when an item differs from
   * the last pass's (by identity), nothing is offered.
   */
  pass<R>(module: Module, read: (pass: CarryPass<T>) => R, signature: readonly unknown[] = []): R {
    const before = this.module;
    const offered = before !== undefined && sameSignature(signature, this.signature);
    const changed = !offered ? undefined : before === module ? new Set<Block>() : this.changedSince(before, module);
    const pass = new CarryPass<T>(module, changed ? this.entries : new Map(), changed ?? new Set());
    const result = read(pass);
    this.module = module;
    this.signature = signature;
    this.entries = pass.kept;
    return result;
  }
}

/** One pass of a BlockCarry over one version of a module. */
export class CarryPass<T> {
  readonly kept = new Map<Block, Entry<T>>();
  private items: Set<BodyItem> | undefined;
  private readonly files = new Map<string, SourceFile>();

  constructor(
    module: Module,
    private readonly previous: ReadonlyMap<Block, Entry<T>>,
    private readonly changed: ReadonlySet<Block>,
  ) {
    for (const f of [...module.files, ...module.varFiles]) if (!this.files.has(f.path)) this.files.set(f.path, f);
  }

  /** The file of this version at `path`. */
  file(path: string): SourceFile | undefined {
    return this.files.get(path);
  }

  /** What the last pass kept for `block`, when the edit left it and everything it points into alone. */
  reuse(block: Block): T | undefined {
    const entry = this.previous.get(block);
    if (!entry || this.changed.has(block)) return undefined;
    const items = (this.items ??= this.allItems());
    for (const item of entry.touched) if (!items.has(item)) return undefined;
    this.kept.set(block, entry);
    return entry.value;
  }

  /** Keeps `value`, made from `block` and pointing into `places`, for the next pass; not kept when a place is in no item of this version. */
  keep(block: Block, value: T, places: Iterable<CarriedPlace>): void {
    const touched = new Set<BodyItem>([block]);
    for (const place of places) {
      const file = this.files.get(place.file);
      const item = file && topLevelItemAt(file, offsetAt(file.lineStarts, place.range.start));
      if (!item) return;
      touched.add(item);
    }
    this.kept.set(block, { value, touched: [...touched] });
  }

  private allItems(): Set<BodyItem> {
    const items = new Set<BodyItem>();
    for (const file of this.files.values()) for (const item of file.body) items.add(item);
    return items;
  }
}
