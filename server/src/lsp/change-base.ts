import type { Module } from '../engine/model/module.js';
import { GitRepository } from '../engine/change/git.js';
import { defaultBase } from '../engine/change/default-base.js';
import { BaseTree } from '../engine/change/base-tree.js';
import { GitTreeHost } from '../engine/change/git-tree-host.js';
import { ModuleLoader } from '../engine/workspace/module-loader.js';
import { findWorkspaceRoot } from '../engine/workspace-root.js';
import type { ServerSettings } from './settings.js';

/** How long a resolved base is used before HEAD and the base ref are asked again (a commit or checkout moves them). */
const BASE_TTL_MS = 10_000;

interface ResolvedBase {
  at: number;
  loader?: ModuleLoader;
  /** The commits the base was computed from: while they stay, its tree and parsed modules are kept. */
  head?: string;
  target?: string;
  /** Why there is none (logged once). */
  why?: string;
}

/**
 * The base of the change for the editor's diff-only rules (SPEC §7): the
 * module as it is at `git merge-base HEAD <base>`, read from git's object
 * store (plumbing only, see SECURITY.md), per repository, and only when the
 * workspace is trusted and `changeChecks` is on.
 */
export class ChangeBases {
  private readonly byRoot = new Map<string, ResolvedBase>();
  private readonly logged = new Set<string>();

  constructor(
    private readonly settings: () => ServerSettings,
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The module at the base of the change, for a module directory; undefined when change checks do not run. */
  moduleFor(dir: string): Module | undefined {
    const { changeChecks, trusted } = this.settings();
    if (!changeChecks || !trusted) return undefined;
    const root = findWorkspaceRoot(dir);
    let resolved = this.byRoot.get(root);
    if (!resolved || this.now() - resolved.at > BASE_TTL_MS) this.byRoot.set(root, (resolved = this.resolve(root, resolved)));
    if (resolved.why && !this.logged.has(`${root}\u0000${resolved.why}`)) {
      this.logged.add(`${root}\u0000${resolved.why}`);
      this.log(`change checks are off for ${root}: ${resolved.why}`);
    }
    return resolved.loader?.loadDir(dir)?.module;
  }

  /** Settings changed: resolve again on the next review. */
  invalidate(): void {
    this.byRoot.clear();
  }

  /**
   * Asks git where HEAD and the base are (two `rev-parse` calls); reads the
   * base tree again only when either moved, so a review after the TTL does
   * not re-list the repository.
   */
  private resolve(root: string, previous: ResolvedBase | undefined): ResolvedBase {
    const at = this.now();
    let repo: GitRepository;
    try {
      repo = GitRepository.open(root);
    } catch (e) {
      return { at, why: (e as Error).message };
    }
    if (!repo.hasCommits()) return { at, why: 'the repository has no commits yet' };
    const configured = this.settings().baseRef;
    let ref = configured;
    if (!ref) {
      try {
        ref = defaultBase(repo).ref;
      } catch (e) {
        return { at, why: (e as Error).message };
      }
    }
    const target = repo.resolveCommit(ref);
    if (!target) return { at, why: `the base "${configured}" (iacReview.baseRef) is not a branch, tag or commit of this repository` };
    const head = repo.resolveCommit('HEAD');
    if (previous?.loader && previous.head === head && previous.target === target) return { ...previous, at };
    const commit = repo.mergeBase('HEAD', target);
    if (!commit) return { at, why: `HEAD and "${ref}" have no common ancestor` };
    return { at, head, target, loader: new ModuleLoader(new GitTreeHost(BaseTree.read(repo, commit))) };
  }
}
