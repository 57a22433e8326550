import { basename, dirname, sep } from 'node:path';
import type { ModuleReview } from '../engine/analyze.js';
import type { InputError } from '../engine/finding.js';
import { CONFIG_FILE_NAME } from '../engine/config/load-config.js';
import { isPolicyFile } from '../engine/policies/policy-file.js';
import { isPathIncluded } from '../engine/config/effective.js';
import { discoverModulesSteps, sourceKind, type Discovery } from '../engine/discover.js';
import type { ModuleReviewer } from './module-reviewer.js';
import { DiagnosticsPublisher, type SendDiagnostics } from './publisher.js';
import { ReviewScheduler } from './scheduler.js';
import { excludedReason, reviewLine, skippedLine, type ReviewTally, type ReviewTrigger, type SkippedFile } from './review-log.js';
import type { ScanRun } from './scan-pool.js';
import { cpuSample, type CpuSample } from '../cli/parallel-review.js';
import type { ScanWorkerResult } from './scan-worker.js';

export interface ScanProgress {
  report(done: number, total: number): void;
  isCancelled(): boolean;
  done(): void;
}

export const NO_PROGRESS: ScanProgress = { report() {}, isCancelled: () => false, done() {} };

/**
 * The longest the start-up scan's discovery holds the event loop before it yields. The target for any block
 * is 50 ms, and a slice ends only after the step that passes this: the rest is room for that step, a garbage
 * collection, and the operating system running the scan's workers on the same cores.
 */
const SCAN_SLICE_MS = 10;
/** The same for an edit's review running in steps (reviewInSteps). */
const REVIEW_SLICE_MS = 10;

/**
 * What the server knows and when it reviews: which modules exist, which are
 * open (kept with their syntax trees for quick fixes and hovers), what is
 * pending. Editor-protocol free: the server wires it to a connection.
 */
export class ReviewService {
  private readonly scheduler = new ReviewScheduler((dir, now) => {
    const trigger = this.pendingTriggers.get(dir) ?? 'file change';
    if (now) this.reviewNow(dir, trigger);
    else this.reviewInSteps(dir, trigger);
  });
  /** Reviews running in steps (reviewInSteps), by module: a newer edit or review of the module marks its review stale. */
  private readonly running = new Map<string, { stale: boolean }>();
  /** Why each scheduled review was asked for (the latest reason wins, as the latest edit does). */
  private readonly pendingTriggers = new Map<string, ReviewTrigger>();
  /** Skipped files already logged, with their reason: logged again only when the reason changes or the file was back in between. */
  private readonly loggedSkipped = new Map<string, string>();
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
  /** The workers of the scan running, if it runs on workers. */
  private scanRun: ScanRun | undefined;

  constructor(
    private readonly reviewer: ModuleReviewer,
    /** Paths of the open documents. */
    private readonly openFiles: () => Iterable<string>,
    send: SendDiagnostics,
    private readonly log: (message: string) => void,
    /** Directories whose diagnostics are hidden (a candidate's exercise folder). */
    private readonly hidden: (dir: string) => boolean = () => false,
    /** The output channel at `info`: one line per review, one per skipped file (SPEC §9). */
    private readonly info: (message: string) => void = () => {},
    /**
     * Starts worker threads over a scan's modules (scan-pool.ts), or declines (undefined): when the
     * workspace is small, when running from the sources, or when reviews need what only this thread
     * has (rules given in code, a plan, the base of a change). `since`: the machine's CPU times when the scan
     * began, to count the cores other processes leave idle.
     */
    private readonly scanElsewhere: (dirs: readonly string[], files: number, onResult: (r: ScanWorkerResult) => void, since: CpuSample) => ScanRun | undefined = () => undefined,
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
  changed(dir: string, delayMs: number, trigger: ReviewTrigger = 'file change'): void {
    // A file changed while workers scan: they read it as it was, so the server's thread reviews what they have not.
    if (trigger !== 'role changed') this.scanRun?.stop();
    for (const affected of [dir, ...this.transitiveCallers(dir), ...this.reviewer.roles.calleesOf(dir)]) {
      this.stopRunning(affected);
      this.openReviews.delete(affected);
      this.knownModules.add(affected);
      if (!this.enabled) continue;
      this.pendingTriggers.set(affected, affected === dir ? trigger : 'caller or callee changed');
      this.scheduler.schedule(affected, delayMs);
    }
  }

  /** The modules that call `dir`, and those that call them, as far as the last reviews know. */
  private transitiveCallers(dir: string): string[] {
    return reachable(dir, (d) => this.reviewer.roles.callersOf(d));
  }

  /**
   * Reviews a module now and publishes its diagnostics. `tally`: the scan
   * this review is part of adds its figures there (one line for the scan);
   * else the review logs its own line.
   */
  reviewNow(dir: string, trigger: ReviewTrigger = 'request', tally?: ReviewTally): ModuleReview {
    const started = performance.now();
    // This review reads the module as it is now: one running in steps has nothing newer to say.
    this.stopRunning(dir);
    this.pendingTriggers.delete(dir);
    const open = this.openFilesIn(dir);
    if (this.hidden(dir)) {
      const nothing: ModuleReview = { dir, files: [], findings: [], errors: [], undecided: [] };
      this.openReviews.delete(dir);
      this.publisher.publishModule(nothing, open);
      this.logSkipped(dir, [{ file: dir, reason: 'a running exercise folder: not reviewed until the exercise is scored' }]);
      return nothing;
    }
    const review = this.reviewer.review(dir, open.length ? 'lazy' : 'none');
    return this.settle(review, open, trigger, tally, performance.now() - started, this.reviewer.skippedIn(dir));
  }

  /**
   * An edit's review, in steps of at most REVIEW_SLICE_MS (reading and
   * parsing the module, then each rule), the event loop free between them:
   * a large module's review no longer holds the server for its whole length,
   * and a newer edit stops it (changed() marks it stale) instead of waiting
   * behind it. A step itself is not cut: the longest rule on the largest
   * module is the longest block.
   */
  private reviewInSteps(dir: string, trigger: ReviewTrigger): void {
    if (this.hidden(dir)) {
      this.reviewNow(dir, trigger);
      return;
    }
    this.stopRunning(dir);
    this.pendingTriggers.delete(dir);
    const job = { stale: false };
    this.running.set(dir, job);
    const open = this.openFilesIn(dir);
    const steps = this.reviewer.reviewSteps(dir, open.length ? 'lazy' : 'none');
    let worked = 0;
    const slice = (): void => {
      if (job.stale) return;
      if (!this.enabled) {
        this.stopRunning(dir);
        return;
      }
      const from = performance.now();
      try {
        for (;;) {
          const step = steps.next();
          if (step.done) {
            this.running.delete(dir);
            this.settle(step.value, open, trigger, undefined, worked + performance.now() - from, this.reviewer.skippedIn(dir));
            return;
          }
          if (performance.now() - from >= REVIEW_SLICE_MS) break;
        }
      } catch (e) {
        // The reviewer turns engine failures into an internal error; this is what is left (publishing, say).
        this.stopRunning(dir);
        this.log(`${dir}: review failed: ${(e as Error)?.stack ?? String(e)}`);
        return;
      }
      worked += performance.now() - from;
      setImmediate(slice);
    };
    slice();
  }

  /** Marks the module's review running in steps stale: it stops at its next step and publishes nothing. */
  private stopRunning(dir: string): void {
    const job = this.running.get(dir);
    if (!job) return;
    job.stale = true;
    this.running.delete(dir);
  }

  private stopAllRunning(): void {
    for (const dir of [...this.running.keys()]) this.stopRunning(dir);
  }

  /** Whether a review of the module is waiting for its timer or running in steps. */
  private reviewPending(dir: string): boolean {
    return this.scheduler.isPending(dir) || this.running.has(dir);
  }

  /** What follows a review, wherever it ran: what it skipped logged, its figures, its role, its diagnostics published. */
  private settle(review: ModuleReview, open: string[], trigger: ReviewTrigger, tally: ReviewTally | undefined, ms: number, skipped: readonly SkippedFile[]): ModuleReview {
    const dir = review.dir;
    const unreadable: SkippedFile[] = review.errors.filter((e) => e.kind === 'unreadable').map((e) => ({ file: e.file, reason: e.message }));
    this.logSkipped(dir, [...skipped, ...unreadable]);
    const figures = this.tallyOf(dir, trigger, review, ms);
    if (tally) addTo(tally, figures);
    else if (review.files.length) this.info(reviewLine(figures));
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
   * A module a scan worker reviewed, as if reviewed here: its facts recorded
   * with every other module's, its review published. Newer work wins (an
   * edit's review pending, a document opened in it meanwhile); a role that
   * modules the worker did not see give it otherwise is reviewed again here.
   */
  private settleElsewhere(result: ScanWorkerResult, trigger: ReviewTrigger, tally: ReviewTally): void {
    const { dir } = result;
    if (this.reviewPending(dir) || this.openReviews.has(dir) || this.openFilesIn(dir).length) return;
    this.knownModules.add(dir);
    this.reviewer.roles.record(dir, result.facts);
    const review = this.settle(result.review, [], trigger, tally, result.ms, result.skipped);
    if (review.files.length && review.role?.role !== this.reviewer.roles.roleOf(dir)?.role) this.changed(dir, 0, 'role changed');
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
    // Only those whose role the last facts recorded could move: checking every reviewed module after each review was quadratic.
    for (const dir of this.reviewer.roles.takeMoved()) {
      const role = this.reviewedRoles.get(dir);
      if (role !== undefined && this.reviewer.roles.roleOf(dir)?.role !== role) this.changed(dir, 0, 'role changed');
    }
  }

  private tallyOf(dir: string, trigger: ReviewTrigger, review: ModuleReview, ms: number): ReviewTally {
    const root = this.reviewer.configs.folderFor(dir);
    return {
      trigger,
      root,
      target: dir,
      scope: 'module',
      roles: review.role ? [review.role.role] : [],
      ...(review.role ? { roleWhy: review.role.why } : {}),
      modules: review.files.length ? 1 : 0,
      files: review.files.length,
      findings: review.findings.filter((f) => !f.suppression).length,
      ms,
      configFile: this.reviewer.configs.configFor(root).config.file,
    };
  }

  /** Each skipped file once per reason; a file the module no longer skips is forgotten, so a later skip is told again. */
  private logSkipped(dir: string, skipped: readonly SkippedFile[]): void {
    const now = new Map(skipped.map((s) => [s.file, s.reason]));
    // The module's directory itself stands for a whole skipped folder (an exercise).
    for (const file of [...this.loggedSkipped.keys()]) if ((file === dir || dirname(file) === dir) && !now.has(file)) this.loggedSkipped.delete(file);
    for (const s of skipped) {
      if (this.loggedSkipped.get(s.file) === s.reason) continue;
      this.loggedSkipped.set(s.file, s.reason);
      this.info(skippedLine(this.reviewer.configs.folderFor(dir), s));
    }
  }

  /** The review of the module's current text (a pending review runs now), for quick fixes and hovers. */
  current(dir: string): ModuleReview {
    this.scheduler.flush(dir);
    return this.openReviews.get(dir) ?? this.reviewNow(dir, 'request');
  }

  /** A document closed: its module is reviewed from disk; its syntax trees are dropped when nothing in it is open. */
  closed(dir: string): void {
    this.changed(dir, 0, 'close');
  }

  /**
   * Reviews every module of the workspace folders (and every module seen
   * since), yielding between modules so edits are not held up. A newer scan
   * or a cancelled progress stops an older one.
   */
  async scan(progress: ScanProgress = NO_PROGRESS, trigger: ReviewTrigger = 'start-up'): Promise<void> {
    const generation = ++this.scanGeneration;
    const started = performance.now();
    // What the machine's cores do while the scan walks the workspace decides how many threads review it.
    const machine = cpuSample();
    // One line per workspace folder: the folder is the unit a user configures.
    const tallies = new Map<string, ReviewTally>();
    const tallyFor = (dir: string): ReviewTally => {
      const root = this.reviewer.configs.folderFor(dir);
      let tally = tallies.get(root);
      if (!tally) {
        const configFile = this.reviewer.configs.configFor(root).config.file;
        tallies.set(root, (tally = { trigger, root, target: root, scope: 'folder', roles: [], modules: 0, files: 0, findings: 0, ms: 0, configFile }));
      }
      return tally;
    };
    let finished = false;
    try {
      if (!this.enabled) return;
      this.publishConfigErrors();
      const dirs = new Set(this.knownModules);
      let files = 0;
      for (const root of this.reviewer.configs.folders()) {
        const { config } = this.reviewer.configs.configFor(root);
        // Files the config excludes, by directory: a directory with nothing left is never reviewed, so its files are told here.
        const excluded = new Map<string, SkippedFile[]>();
        const steps = discoverModulesSteps(this.reviewer.hostFor(root), [root], (p) => {
          if (isPathIncluded(config, p)) return true;
          const list = excluded.get(dirname(p));
          const skipped = { file: p, reason: excludedReason(config.file) };
          if (list) list.push(skipped);
          else excluded.set(dirname(p), [skipped]);
          return false;
        });
        // Discovery reads every folder of the workspace: in slices, yielding between them, so that edits are not held up.
        let found: Discovery | undefined;
        for (let slice = performance.now(); ; ) {
          const step = steps.next();
          if (step.done) {
            found = step.value;
            break;
          }
          if (performance.now() - slice < SCAN_SLICE_MS) continue;
          await new Promise((resolve) => setImmediate(resolve));
          if (generation !== this.scanGeneration || progress.isCancelled() || !this.enabled) return;
          slice = performance.now();
        }
        const foundDirs = new Set(found.modules.map((m) => m.dir));
        for (const m of found.modules) files += m.configFiles.length + m.varFiles.length;
        for (const m of found.modules) dirs.add(m.dir);
        for (const [dir, list] of excluded) if (!foundDirs.has(dir)) this.logSkipped(dir, list);
      }
      const ordered = scanOrder(dirs);
      const stale = () => generation !== this.scanGeneration || progress.isCancelled() || !this.enabled;
      let done = 0;
      const reviewHere = async (list: readonly string[]): Promise<boolean> => {
        for (const dir of list) {
          if (stale()) return false;
          if (!this.reviewPending(dir) && !this.openReviews.has(dir)) {
            this.knownModules.add(dir);
            this.reviewNow(dir, trigger, tallyFor(dir));
          }
          progress.report(++done, ordered.length);
          await new Promise((resolve) => setImmediate(resolve));
        }
        return true;
      };
      // Modules with open documents (their reviews are kept for hovers and quick fixes) and hidden ones stay on this thread.
      // In slices: telling an exercise folder reads marker files up the tree, for each of thousands of modules.
      const elsewhere: string[] = [];
      for (let i = 0, slice = performance.now(); i < ordered.length; i++) {
        if (!this.hidden(ordered[i]!) && this.openFilesIn(ordered[i]!).length === 0) elsewhere.push(ordered[i]!);
        if (performance.now() - slice < SCAN_SLICE_MS) continue;
        await new Promise((resolve) => setImmediate(resolve));
        if (stale()) return;
        slice = performance.now();
      }
      this.scanRun?.stop();
      let run: ScanRun | undefined;
      run = this.scanRun = this.scanElsewhere(elsewhere, files, (result) => {
        if (stale()) {
          run?.stop();
          return;
        }
        this.settleElsewhere(result, trigger, tallyFor(result.dir));
        progress.report(++done, ordered.length);
      }, machine);
      if (!run) {
        if (!(await reviewHere(ordered))) return;
      } else {
        try {
          const here = new Set(elsewhere);
          if (!(await reviewHere(ordered.filter((d) => !here.has(d))))) return;
          // What the workers left (one failed, or a file changed while they ran) is reviewed here.
          const left = await run.finished;
          if (!(await reviewHere(left))) return;
        } finally {
          run.stop();
          if (this.scanRun === run) this.scanRun = undefined;
        }
      }
      finished = true;
    } finally {
      progress.done();
      // The scan's wall time, yields included: what the user waited. A scan a newer one replaced says so.
      const ms = performance.now() - started;
      for (const tally of tallies.values()) this.info(`${reviewLine({ ...tally, ms })}${finished ? '' : ' (stopped: superseded or cancelled)'}`);
    }
  }

  /** Something that applies to many modules changed (an exercise started or ended): review everything again. */
  rescan(progress?: ScanProgress, trigger: ReviewTrigger = 'exercise'): Promise<void> {
    // A review running in steps read what changed as it was: the scan reviews its module again.
    this.stopAllRunning();
    this.openReviews.clear();
    return this.scan(progress, trigger);
  }

  /** The configuration changed: errors shown on the config file, every module reviewed again. */
  configChanged(progress?: ScanProgress, trigger: ReviewTrigger = 'configuration'): Promise<void> {
    this.reviewer.configs.invalidate();
    this.stopAllRunning();
    this.openReviews.clear();
    return this.scan(progress, trigger);
  }

  publishConfigErrors(): void {
    const configKeys = new Set<string>();
    // Policy files a configuration in force reads: its diagnostics speak for them.
    const policyFilesRead = new Set<string>();
    for (const root of this.reviewer.configs.folders()) {
      const loaded = this.reviewer.configs.configFor(root);
      for (const e of loaded.errors) policyFilesRead.add(e.file);
      for (const p of loaded.config.policies ?? []) policyFilesRead.add(p.source.file);
      const file = loaded.config.file ?? loaded.errors[0]?.file;
      if (!file) continue;
      configKeys.add(`config:${file}`);
      this.publisher.publishConfigErrors(file, this.shownConfigErrors(loaded.errors));
    }
    // A .iac-review.json no folder uses (a subfolder's, for the CLI run there), open or seen changing, is checked too: nothing else would.
    for (const path of new Set([...this.openFiles(), ...this.configFilesSeen])) {
      if (basename(path) !== CONFIG_FILE_NAME || configKeys.has(`config:${path}`)) continue;
      const loaded = this.reviewer.configs.configAt(dirname(path));
      if ((loaded.config.file ?? loaded.errors[0]?.file) !== path) continue;
      configKeys.add(`config:${path}`);
      this.publisher.publishConfigErrors(path, this.shownConfigErrors(loaded.errors));
    }
    // A policy file open or seen changing that no configuration reads is checked on its own (SPEC §11).
    for (const path of new Set([...this.openFiles(), ...this.configFilesSeen])) {
      if (!isPolicyFile(path) || policyFilesRead.has(path)) continue;
      configKeys.add(`config:${path}`);
      this.publisher.publishConfigErrors(path, this.shownConfigErrors(this.reviewer.configs.policyFileErrors(path)));
    }
    for (const key of this.publisher.keys()) if (key.startsWith('config:') && !configKeys.has(key)) this.publisher.clear(key);
  }

  /** Config files the client said changed on disk (created or edited; a deleted one is forgotten). */
  private readonly configFilesSeen = new Set<string>();

  configFileSeen(path: string, exists: boolean): void {
    if (exists) this.configFilesSeen.add(path);
    else this.configFilesSeen.delete(path);
  }

  /**
   * One owner per config error: a client with a JSON service (VS Code)
   * reports the JSON syntax itself and, validating with the shipped schema
   * (SPEC §5), what the schema rejects; the server reports the rest (globs and
   * regular expressions it cannot use) — and everything to other clients.
   */
  private shownConfigErrors(errors: readonly InputError[]): InputError[] {
    return errors.filter((e) => !(this.clientReportsJsonSyntax && e.jsonSyntax) && !(this.clientValidatesSchema && e.schemaCovered));
  }

  /** Whether the client's own JSON service reports syntax errors in `.iac-review.json` (initialization option `jsonSyntaxErrors: "client"`). */
  clientReportsJsonSyntax = false;
  /** Whether the client validates `.iac-review.json` with the shipped schema (initialization option `configSchemaErrors: "client"`). */
  clientValidatesSchema = false;

  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    if (!enabled) {
      this.scanRun?.stop();
      this.scanGeneration++;
      this.scheduler.cancelAll();
      this.stopAllRunning();
      this.openReviews.clear();
      this.publisher.clearAll();
    }
  }

  isEnabled(): boolean {
    return this.enabled;
  }

  dispose(): void {
    this.scanRun?.stop();
    this.scanGeneration++;
    this.scheduler.cancelAll();
    this.stopAllRunning();
  }

  private openFilesIn(dir: string): string[] {
    const open: string[] = [];
    for (const path of this.openFiles()) if (dirname(path) === dir && sourceKind(basename(path))) open.push(path);
    return open;
  }
}

/**
 * The order the scan reviews modules in: by path (each read as ending with
 * a separator, so a directory's subtree stays together), but every directory
 * after the modules inside it. A module's role depends on who calls it, and its
 * callers mostly lie below it (examples and tests call `../..`): reviewed
 * after them, it is reviewed once in its final role, not once more (with
 * every module that calls it) when a caller found later moves its role.
 * The modules of one repository stay together, so the syntax trees they
 * share are still in the cache.
 */
export function scanOrder(dirs: Iterable<string>): string[] {
  const key = (dir: string) => `${dir}${sep}\uffff`;
  return [...dirs].map((dir) => [key(dir), dir] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, dir]) => dir);
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

function addTo(tally: ReviewTally, one: ReviewTally): void {
  tally.roles.push(...one.roles);
  tally.modules += one.modules;
  tally.files += one.files;
  tally.findings += one.findings;
}
