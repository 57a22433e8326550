import type { ChangeReview } from '../change/review-change.js';
import { changesLines } from '../change/file-changes.js';
import { repoRelativePath } from '../change/git-tree-host.js';
import type { Finding } from '../finding.js';
import type { BlockRef } from '../model/module.js';
import { positionOrder, type Range } from '../range.js';

/** Where a change happened: its changed lines, added files, and the blocks it added or modified. */
export class ChangeScope {
  private readonly added = new BlockIndex();
  private readonly modified = new BlockIndex();

  constructor(private readonly review: ChangeReview) {
    for (const m of review.modules) {
      for (const b of m.blocks) {
        // A renamed block is the same object (SPEC §7): modified, not added.
        if (b.status === 'added' && m.renamed.has(b.key)) this.modified.addAll(b.head ?? []);
        else if (b.status === 'added') this.added.addAll(b.head ?? []);
        else if (b.status === 'modified') this.modified.addAll(b.head ?? []);
      }
    }
  }

  /**
   * `true` when the change introduced the finding (as diff mode decides it),
   * `false` when it lies in a block the change modified, undefined when the
   * change did not touch it.
   */
  classifyFinding(finding: Finding): boolean | undefined {
    if (this.review.introduced.has(finding)) return true;
    return this.inModifiedBlock(finding.file, finding.range) ? false : undefined;
  }

  /**
   * `true` when the change wrote this range (a new file, changed lines, an
   * added block), `false` when it lies in a block the change modified
   * elsewhere, undefined when the change did not touch it.
   */
  classify(file: string, range: Range): boolean | undefined {
    const { files } = this.review;
    const path = repoRelativePath(this.review.repoRoot, file);
    if (this.review.baseCommit === undefined || files.added.has(path) || changesLines(files, path, range)) return true;
    if (this.added.contains(file, range)) return true;
    return this.inModifiedBlock(file, range) ? false : undefined;
  }

  /** Inside a block the change modified (in the working tree). */
  private inModifiedBlock(file: string, range: Range): boolean {
    return this.modified.contains(file, range);
  }
}

/**
 * Blocks by file, sorted by where they start, answering "is this position
 * inside one of them" by binary search: a checklist asks it for every item,
 * and a change can add or modify tens of thousands of blocks.
 */
class BlockIndex {
  private readonly byFile = new Map<string, Spans>();
  private indexed = true;

  addAll(refs: readonly BlockRef[]): void {
    for (const { file, block } of refs) {
      let spans = this.byFile.get(file.path);
      if (!spans) this.byFile.set(file.path, (spans = { starts: [], ends: [], reach: [] }));
      spans.starts.push(positionOrder(block.range.start));
      spans.ends.push(positionOrder(block.range.end));
    }
    this.indexed = false;
  }

  contains(file: string, range: Range): boolean {
    if (!this.indexed) {
      for (const spans of this.byFile.values()) index(spans);
      this.indexed = true;
    }
    const spans = this.byFile.get(file);
    if (!spans) return false;
    const offset = positionOrder(range.start);
    // Past the last block that starts at or before the offset: one of those holds it iff the furthest end among them is beyond it.
    let lo = 0;
    let hi = spans.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (spans.starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && offset < spans.reach[lo - 1]!;
  }
}

/** Block spans of one file: starts ascending, and `reach[i]`, the furthest end among the first i + 1. */
interface Spans {
  starts: number[];
  ends: number[];
  reach: number[];
}

function index(spans: Spans): void {
  const order = spans.starts.map((_, i) => i).sort((a, b) => spans.starts[a]! - spans.starts[b]!);
  const starts = order.map((i) => spans.starts[i]!);
  const ends = order.map((i) => spans.ends[i]!);
  spans.starts = starts;
  spans.ends = ends;
  spans.reach = [];
  let furthest = -1;
  for (const end of ends) spans.reach.push((furthest = Math.max(furthest, end)));
}
