import { SKIPPED_DIRECTORIES, sourceKind } from '../discover.js';
import type { FileHost } from '../host.js';
import { repoPath } from './git-tree-host.js';

/** Directories deeper than this are not searched (as module discovery). */
const MAX_DEPTH = 64;

/**
 * The Terraform sources of the working tree, found and read through the
 * engine's FileHost (never through git, which would run the filters and
 * hooks the repository configures). Every file on disk counts, tracked,
 * untracked or ignored by git: the working tree's review analyses each of
 * them, so each is compared with the base (one the base lacks is new).
 */
export class WorkingTree {
  /** Repository-relative paths of every source file. */
  readonly paths = new Set<string>();

  constructor(
    private readonly host: FileHost,
    readonly root: string,
    /** Repository-relative directories not to look into (submodules whose change is not reviewed). */
    excluded: (rel: string) => boolean,
  ) {
    const visit = (rel: string, depth: number) => {
      const entries = host.readDirectory(repoPath(root, rel));
      if (!entries) return;
      for (const entry of entries) {
        const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
        if (entry.isDirectory) {
          if (depth < MAX_DEPTH && !SKIPPED_DIRECTORIES.has(entry.name) && !excluded(path)) visit(path, depth + 1);
        } else if (sourceKind(entry.name)) this.paths.add(path);
      }
    };
    visit('', 0);
  }

  /** A source file's text, or undefined when it cannot be read (the review reports why). */
  readText(rel: string): string | undefined {
    const read = this.host.readText(repoPath(this.root, rel));
    return read.ok ? read.text : undefined;
  }
}
