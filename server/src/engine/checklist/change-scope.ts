import type { ChangeReview } from '../change/review-change.js';
import { changesLines } from '../change/file-changes.js';
import { repoRelativePath } from '../change/git-tree-host.js';
import type { Finding } from '../finding.js';
import type { BlockRef } from '../model/module.js';
import type { Range } from '../range.js';

/** Where a change happened: its changed lines, added files, and the blocks it added or modified. */
export class ChangeScope {
  private readonly added: BlockRef[] = [];
  private readonly modified: BlockRef[] = [];

  constructor(private readonly review: ChangeReview) {
    for (const m of review.modules) {
      for (const b of m.blocks) {
        if (b.status === 'added') this.added.push(...(b.head ?? []));
        else if (b.status === 'modified') this.modified.push(...(b.head ?? []));
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
    if (contains(this.added, file, range)) return true;
    return this.inModifiedBlock(file, range) ? false : undefined;
  }

  /** Inside a block the change modified (in the working tree). */
  private inModifiedBlock(file: string, range: Range): boolean {
    return contains(this.modified, file, range);
  }
}

function contains(refs: readonly BlockRef[], file: string, range: Range): boolean {
  const offset = range.start.offset;
  return refs.some((r) => r.file.path === file && r.block.range.start.offset <= offset && offset < r.block.range.end.offset);
}
