import { walkSourceDirectories } from '../discover.js';
import type { FileHost } from '../host.js';
import { repoPath, repoRelativePath } from './git-tree-host.js';

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
    // The walk module discovery makes: each real directory once, so links cannot multiply it.
    walkSourceDirectories(host, root, {
      onDirectory: (dir, names) => {
        const rel = repoRelativePath(root, dir);
        for (const name of names) this.paths.add(rel === '' ? name : `${rel}/${name}`);
      },
      skip: (dir) => dir !== root && excluded(repoRelativePath(root, dir)),
    });
  }

  /** A source file's text, or undefined when it cannot be read (the review reports why). */
  readText(rel: string): string | undefined {
    const read = this.host.readText(repoPath(this.root, rel));
    return read.ok ? read.text : undefined;
  }
}
