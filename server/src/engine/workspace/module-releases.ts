import type { LocalCall } from './module-graph.js';

/**
 * When a whole-workspace review can let a module go — its syntax trees, its
 * model, its evaluation: once it has been reviewed and so has every module
 * known to call it. Callers are reviewed before their callees (review-order.ts),
 * so a callee stays loaded exactly while callers still read it.
 *
 * "Known" is as far as the modules loaded so far say. A caller found later
 * loads the callee again: more work, the same findings. A module loaded
 * again after it went is kept to the end, so it is read at most twice,
 * however many late callers it has — except a module whose role its path
 * decides (`mayGoAgain`; no review reads it again at the end), which goes a
 * second time once the callers found since are reviewed, and is read at
 * most three times: a repository without a root module reviews `modules/x`
 * before the `wrappers/x` that calls it, and held to the end, every wrapped
 * module of the workspace was. Without this, a check of 20,000 files held
 * every called module of the workspace to the end (600 MB still in use at
 * its last full collection, a heap of 1.5–1.9 GB).
 */
export class ModuleReleases {
  private readonly callers = new Map<string, Set<string>>();
  private readonly reviewed = new Set<string>();
  /** Modules let go: how many callers were known then; KEPT once let go twice. */
  private readonly released = new Map<string, number>();

  /**
   * `willReview(dir)`: whether the review reviews the module in `dir` itself (one a call only leads to is not).
   * `mayGoAgain(dir)`: whether a module loaded again after it went may go a second time (see above).
   */
  constructor(
    private readonly willReview: (dir: string) => boolean,
    private readonly mayGoAgain: (dir: string) => boolean = () => false,
  ) {}

  /** A loaded module's local calls: `dir` calls each call's target. */
  record(dir: string, calls: readonly LocalCall[]): void {
    for (const call of calls) {
      if (call.target === dir) continue;
      let set = this.callers.get(call.target);
      if (!set) this.callers.set(call.target, (set = new Set()));
      set.add(dir);
    }
  }

  /** Whether a module loaded so far calls `dir`. */
  isCalled(dir: string): boolean {
    return this.callers.has(dir);
  }

  /**
   * `dir` has been reviewed; `calls` are its own local calls. The modules
   * that can go now, each said once: `dir` itself, and the modules it calls,
   * each once it has been reviewed (if it is reviewed at all) and so has
   * every caller known.
   */
  reviewedNow(dir: string, calls: readonly LocalCall[]): string[] {
    this.reviewed.add(dir);
    const out: string[] = [];
    this.releaseIfDone(dir, out);
    for (const call of calls) this.releaseIfDone(call.target, out);
    return out;
  }

  private releaseIfDone(dir: string, out: string[]): void {
    const callers = this.callers.get(dir);
    const before = this.released.get(dir);
    // Let go already: again only once, and only when callers were found since (they read it again).
    if (before !== undefined && (before === KEPT || !this.mayGoAgain(dir) || (callers?.size ?? 0) <= before)) return;
    if (this.willReview(dir) && !this.reviewed.has(dir)) return;
    if (callers) for (const caller of callers) if (!this.reviewed.has(caller)) return;
    this.released.set(dir, before === undefined ? (callers?.size ?? 0) : KEPT);
    out.push(dir);
  }
}

/** A module let go twice: read again, it is kept to the end. */
const KEPT = -1;
