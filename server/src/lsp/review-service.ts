import { basename, dirname } from 'node:path';
import type { ModuleReview } from '../engine/analyze.js';
import { isPathIncluded } from '../engine/config/effective.js';
import { discoverModules, sourceKind } from '../engine/discover.js';
import type { ModuleReviewer } from './module-reviewer.js';
import { DiagnosticsPublisher, type SendDiagnostics } from './publisher.js';
import { ReviewScheduler } from './scheduler.js';

export interface ScanProgress {
  report(done: number, total: number): void;
  isCancelled(): boolean;
  done(): void;
}

export const NO_PROGRESS: ScanProgress = { report() {}, isCancelled: () => false, done() {} };

/**
 * What the server knows and when it reviews: which modules exist, which are
 * open (kept with their syntax trees for quick fixes and hovers), what is
 * pending. Editor-protocol free: the server wires it to a connection.
 */
export class ReviewService {
  private readonly scheduler = new ReviewScheduler((dir) => void this.reviewNow(dir));
  private readonly publisher: DiagnosticsPublisher;
  /** Reviews of modules with open documents (lazy fixes, evaluated module kept). */
  private readonly openReviews = new Map<string, ModuleReview>();
  private readonly knownModules = new Set<string>();
  /** The role each module was last reviewed in: when another module's calls change it, the module is reviewed again. */
  private readonly reviewedRoles = new Map<string, string>();
  private readonly loggedInternalErrors = new Set<string>();
  /** Modules whose last review found them on a cycle of module calls. */
  private readonly onCycle = new Set<string>();
  private scanGeneration = 0;
  private enabled = true;

  constructor(
    private readonly reviewer: ModuleReviewer,
    /** Paths of the open documents. */
    private readonly openFiles: () => Iterable<string>,
    send: SendDiagnostics,
    private readonly log: (message: string) => void,
    /** Directories whose diagnostics are hidden (a candidate's exercise folder). */
    private readonly hidden: (dir: string) => boolean = () => false,
  ) {
    this.publisher = new DiagnosticsPublisher(send);
  }

  /**
   * Something in `dir` changed (an edit, a file on disk): review it again
   * after `delayMs`, and the modules whose review reads it (SPEC §2a): every
   * module that calls it, directly or through other calls (their findings
   * follow the values it passes on), and the modules it calls (their role
   * and their undecided items depend on their callers).
   */
  changed(dir: string, delayMs: number): void {
    for (const affected of [dir, ...this.transitiveCallers(dir), ...this.reviewer.roles.calleesOf(dir)]) {
      this.openReviews.delete(affected);
      this.knownModules.add(affected);
      if (this.enabled) this.scheduler.schedule(affected, delayMs);
    }
  }

  /** The modules that call `dir`, and those that call them, as far as the last reviews know. */
  private transitiveCallers(dir: string): string[] {
    return reachable(dir, (d) => this.reviewer.roles.callersOf(d));
  }

  reviewNow(dir: string): ModuleReview {
    const open = this.openFilesIn(dir);
    if (this.hidden(dir)) {
      const nothing: ModuleReview = { dir, files: [], findings: [], errors: [], undecided: [] };
      this.openReviews.delete(dir);
      this.publisher.publishModule(nothing, open);
      return nothing;
    }
    const review = this.reviewer.review(dir, open.length ? 'lazy' : 'none');
    if (review.role) this.reviewedRoles.set(dir, review.role.role);
    else this.reviewedRoles.delete(dir);
    this.reviewWhereRolesMoved();
    this.reviewRestOfCycle(dir, review);
    if (open.length && review.analysis) this.openReviews.set(dir, review);
    else this.openReviews.delete(dir);
    if (!review.files.length) this.knownModules.delete(dir);
    for (const e of review.errors) {
      const key = `${e.file}\u0000${e.message}`;
      if (e.kind === 'internal' && !this.loggedInternalErrors.has(key)) {
        this.loggedInternalErrors.add(key);
        this.log(`${e.file}: ${e.message}`);
      }
    }
    this.publisher.publishModule(review, open);
    return review;
  }

  /**
   * A module found on a cycle of calls: the other modules of the cycle say so
   * on their own calls too, though they may have been reviewed before this
   * one's calls were known. Each is scheduled once (until a review finds it
   * off the cycle again), so two modules never schedule each other forever.
   */
  private reviewRestOfCycle(dir: string, review: ModuleReview): void {
    if (!review.errors.some((e) => e.kind === 'module-cycle')) {
      this.onCycle.delete(dir);
      return;
    }
    this.onCycle.add(dir);
    // The cycle's modules: those it calls, directly or not, that also call it.
    const callers = new Set(this.transitiveCallers(dir));
    for (const callee of reachable(dir, (d) => this.reviewer.roles.calleesOf(d))) {
      if (callers.has(callee) && !this.onCycle.has(callee) && this.enabled) this.scheduler.schedule(callee, 0);
    }
  }

  /** Schedules the modules whose role is no longer the one they were reviewed in (a call to them came or went). */
  private reviewWhereRolesMoved(): void {
    for (const [dir, role] of this.reviewedRoles) {
      if (this.reviewer.roles.roleOf(dir)?.role !== role) this.changed(dir, 0);
    }
  }

  /** The review of the module's current text (a pending review runs now), for quick fixes and hovers. */
  current(dir: string): ModuleReview {
    this.scheduler.flush(dir);
    return this.openReviews.get(dir) ?? this.reviewNow(dir);
  }

  /** A document closed: its module is reviewed from disk; its syntax trees are dropped when nothing in it is open. */
  closed(dir: string): void {
    this.changed(dir, 0);
  }

  /**
   * Reviews every module of the workspace folders (and every module seen
   * since), yielding between modules so edits are not held up. A newer scan
   * or a cancelled progress stops an older one.
   */
  async scan(progress: ScanProgress = NO_PROGRESS): Promise<void> {
    const generation = ++this.scanGeneration;
    try {
      if (!this.enabled) return;
      this.publishConfigErrors();
      const dirs = new Set(this.knownModules);
      for (const root of this.reviewer.configs.folders()) {
        const { config } = this.reviewer.configs.configFor(root);
        const found = discoverModules(this.reviewer.hostFor(root), [root], (p) => isPathIncluded(config, p));
        for (const m of found.modules) dirs.add(m.dir);
      }
      const ordered = [...dirs].sort();
      let done = 0;
      for (const dir of ordered) {
        if (generation !== this.scanGeneration || progress.isCancelled() || !this.enabled) return;
        if (!this.scheduler.isPending(dir) && !this.openReviews.has(dir)) {
          this.knownModules.add(dir);
          this.reviewNow(dir);
        }
        progress.report(++done, ordered.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      progress.done();
    }
  }

  /** Something that applies to many modules changed (an exercise started or ended): review everything again. */
  rescan(progress?: ScanProgress): Promise<void> {
    this.openReviews.clear();
    return this.scan(progress);
  }

  /** The configuration changed: errors shown on the config file, every module reviewed again. */
  configChanged(progress?: ScanProgress): Promise<void> {
    this.reviewer.configs.invalidate();
    this.openReviews.clear();
    return this.scan(progress);
  }

  publishConfigErrors(): void {
    const configKeys = new Set<string>();
    for (const root of this.reviewer.configs.folders()) {
      const loaded = this.reviewer.configs.configFor(root);
      const file = loaded.config.file ?? loaded.errors[0]?.file;
      if (!file) continue;
      configKeys.add(`config:${file}`);
      this.publisher.publishConfigErrors(file, loaded.errors);
    }
    for (const key of this.publisher.keys()) if (key.startsWith('config:') && !configKeys.has(key)) this.publisher.clear(key);
  }

  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    if (!enabled) {
      this.scanGeneration++;
      this.scheduler.cancelAll();
      this.openReviews.clear();
      this.publisher.clearAll();
    }
  }

  isEnabled(): boolean {
    return this.enabled;
  }

  dispose(): void {
    this.scanGeneration++;
    this.scheduler.cancelAll();
  }

  private openFilesIn(dir: string): string[] {
    const open: string[] = [];
    for (const path of this.openFiles()) if (dirname(path) === dir && sourceKind(basename(path))) open.push(path);
    return open;
  }
}

/** The directories reachable from `start` through `next` (breadth first), `start` itself left out. */
function reachable(start: string, next: (dir: string) => readonly string[]): string[] {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const d of next(at)) {
      if (seen.has(d)) continue;
      seen.add(d);
      queue.push(d);
    }
  }
  seen.delete(start);
  return [...seen];
}
