import { availableParallelism, cpus, loadavg } from 'node:os';
import { isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessagePort, Worker } from 'node:worker_threads';
import {
  analyzeWorkspace,
  compareFindings,
  loadAnalysisConfig,
  roleAssignmentOptions,
  type AnalysisResult,
  type AnalyzeOptions,
} from '../engine/analyze.js';
import { discoverModules, type Discovery, type ModuleFiles } from '../engine/discover.js';
import { isInside, NodeFileHost, relativeBelow } from '../engine/host.js';
import { isPathIncluded } from '../engine/config/effective.js';
import { assignModuleRoles } from '../engine/roles/assign-roles.js';
import { addTiming, timed } from '../engine/timings.js';
import { nowMs } from '../engine/clock.js';
import { findWorkspaceRoots } from '../engine/workspace-root.js';
import { MAX_REVIEW_INSTANCES } from '../engine/workspace/module-graph.js';

/**
 * A large `check` on several threads (issue 17): the discovered modules are
 * cut into contiguous shares of the discovery order, at top-level folder
 * boundaries (repositories side by side call into themselves), each share
 * reviewed by a worker thread running the same bundle, the first one here.
 *
 * The shares add up to the one-thread review only when no module of one
 * calls a module of another (a callee is reviewed, and reported, in its
 * own share only) and every module gets the role the whole workspace gives
 * it; the merge checks both from the shares' role facts, and that no share
 * met a call cycle or an instance limit (per call tree, so a share reviews
 * its trees as the one thread does; per review, counted across the shares). Otherwise the review runs again
 * on one thread: the output is the one-thread output, byte for byte,
 * whichever way it was computed. Modules are merged in discovery order and
 * findings sorted as one review sorts them.
 */

/** Below this many source files one thread is faster: a worker costs loading the bundle again. */
export const PARALLEL_MIN_FILES = 1_000;
/**
 * From this many source files on, a review thread per idle core; below it, one per two idle cores. V8 keeps
 * compiling and collecting garbage on other threads while a review runs — a one-thread check of the ten
 * public repositories used 3.1 s of CPU in 2.0 s — so on 2 cores a second review thread competes with the
 * first one's compiler and collector, and starts cold (its own compilation, its own heap). Measured on an
 * idle 2-core machine: 1,867 files 10% slower on two threads, 3,734 and 7,468 files even, 20,537 files 1.37×
 * faster.
 */
export const FULL_PARALLEL_FILES = 10_000;

/** Review threads for `files` source files when `idle` cores are idle (at least one). */
export function reviewThreads(idle: number, files: number): number {
  return Math.max(1, files >= FULL_PARALLEL_FILES ? idle : Math.floor(idle / 2));
}

/** More threads than this gain little: the bundle each worker loads and the merge grow with them. */
const MAX_THREADS = 4;

export interface ParallelSettings {
  /** At most this many threads (IAC_REVIEW_THREADS, else the machine's cores up to MAX_THREADS). */
  threads: number;
  /** Whether `threads` is only a ceiling: the cores other processes leave idle decide (see othersBusyBetween). */
  measured: boolean;
  minFiles: number;
  /** The built CLI a worker starts (dist/cli.js); undefined when running from the sources, which stay on one thread. */
  workerScript: string | undefined;
}

/** The defaults, or `IAC_REVIEW_THREADS` (1 = one thread) and `IAC_REVIEW_PARALLEL_MIN_FILES` (tests, measurements). */
export function parallelSettings(env: Readonly<Record<string, string | undefined>>): ParallelSettings {
  const forced = positiveInteger(env.IAC_REVIEW_THREADS);
  const minFiles = positiveInteger(env.IAC_REVIEW_PARALLEL_MIN_FILES) ?? PARALLEL_MIN_FILES;
  return {
    threads: Math.min(forced ?? availableParallelism(), MAX_THREADS),
    measured: forced === undefined,
    minFiles,
    // Asked for only when the workspace is large enough for threads.
    get workerScript() {
      return builtCliScript();
    },
  };
}

/**
 * The threads worth starting: one per core the machine leaves idle (cores less what other processes use,
 * rounded), at least one, at most MAX_THREADS. A worker on a core that is busy elsewhere only adds its
 * start-up, and takes the core from whoever uses it.
 */
export function idleCores(cores: number, othersBusy: number): number {
  return Math.max(1, Math.min(MAX_THREADS, Math.round(cores - othersBusy)));
}

/** The machine's CPU time (all cores) and this process's, at one moment. */
export interface CpuSample {
  /** Wall clock, ms. */
  at: number;
  /** Busy and idle time summed over the cores since boot, ms (os.cpus()). */
  busyMs: number;
  idleMs: number;
  /** This process's CPU time, ms (process.cpuUsage()). */
  ownMs: number;
}

export function cpuSample(): CpuSample {
  let busyMs = 0;
  let idleMs = 0;
  for (const { times } of cpus()) {
    busyMs += times.user + times.nice + times.sys + times.irq;
    idleMs += times.idle;
  }
  const own = process.cpuUsage();
  return { at: nowMs(), busyMs, idleMs, ownMs: (own.user + own.system) / 1000 };
}

/** A window shorter than this says too little: the kernel counts CPU time in 10 ms ticks. */
export const MIN_SAMPLE_MS = 50;

/**
 * The cores other processes used between two samples (this process's own time taken out), or undefined
 * when the window is too short or the counters say nothing (some containers). Measured while the CLI
 * reads its configuration and walks the workspace: what the machine does now, not over the last minute
 * as the load average says (a check run right after another busy command saw a load of 1 and stayed on
 * one thread on an idle 2-core machine).
 */
export function othersBusyBetween(a: CpuSample, b: CpuSample): number | undefined {
  const wall = b.at - a.at;
  const total = b.busyMs + b.idleMs - (a.busyMs + a.idleMs);
  if (wall < MIN_SAMPLE_MS || total <= 0) return undefined;
  const cores = total / wall;
  const others = Math.max(0, b.busyMs - a.busyMs - (b.ownMs - a.ownMs));
  // Busy time per wall millisecond is cores in use; scaled by the cores the counters cover.
  return (others / total) * cores;
}

function positiveInteger(text: string | undefined): number | undefined {
  const n = text === undefined ? NaN : Number(text);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** dist/cli.js beside the running bundle (dist/cli.cjs), whose import.meta.url build.mjs defines. */
function builtCliScript(): string | undefined {
  const self = fileURLToPath(import.meta.url);
  return self.endsWith('.cjs') ? resolve(self, '..', 'cli.js') : undefined;
}

type ShareResult = Omit<AnalysisResult, 'config' | 'analyses'>;

/** `check`'s review: on several threads when the workspace is large enough and the options allow it. */
export function analyzeMaybeInParallel(options: AnalyzeOptions, settings: ParallelSettings): AnalysisResult {
  // Undecided items, kept modules, diff mode and a plan (its root and call chains span modules) look across modules: one thread.
  if (settings.threads < 2 || options.undecided !== false || options.keepModules || options.baseModuleFor || options.host || options.config || options.plan) {
    return analyzeWorkspace(options);
  }
  const cwd = resolve(options.cwd);
  const paths = (options.paths?.length ? options.paths : ['.']).map((p) => resolve(cwd, p));
  const started = settings.measured ? cpuSample() : undefined;
  const host = new NodeFileHost(findWorkspaceRoots(paths));
  const loaded = timed('config', () => loadAnalysisConfig(options, host));
  if (loaded.errors.length) return analyzeWorkspace({ ...options, host, config: loaded });
  const discovered = timed('discovery', () => discoverModules(host, paths, (p) => isPathIncluded(loaded.config, p)));
  const oneThread = () => analyzeWorkspace({ ...options, host, config: loaded, discovered });
  const { modules } = discovered;
  const files = modules.reduce((n, m) => n + m.configFiles.length + m.varFiles.length, 0);
  if (files < settings.minFiles) return oneThread();
  // Large enough for threads: as many as the cores other processes leave idle now.
  const threads = started ? threadsForNow(settings.threads, started, files) : settings.threads;
  const ranges = shareRanges(modules, paths, { ...settings, threads });
  if (ranges.length < 2) return oneThread();
  // Run from the sources there is no built CLI for a worker to start.
  const workerScript = settings.workerScript;
  if (!workerScript) return oneThread();

  // Instances created by all the shares, counted as they go: past the one-review limit every share stops at once.
  const instances = new SharedArrayBuffer(4);
  const workers = ranges.slice(1).map((range) => startShare(workerScript, options, range, discovered, instances));
  const first = analyzeWorkspace({ ...options, host, config: loaded, discovered, moduleRange: ranges[0]!, instanceBudget: sharedInstanceBudget(instances) });
  const shares: Array<ShareResult | undefined> = [first];
  for (const worker of workers) shares.push(timed('waiting for threads', () => worker.result()));
  const merged = timed('merge', () => mergeShares(shares, modules, ranges, roleAssignmentOptions(paths, host, loaded.config)));
  // The breakdown `npm run bench` prints says which way it went (a zero-time entry).
  addTiming(merged ? `(reviewed on ${ranges.length} threads)` : '(shares did not add up: reviewed again on one thread)', 0);
  if (!merged) return oneThread();
  return { ...merged, config: loaded.config, analyses: [] };
}

/** Up to `ceiling` threads, as many as the cores others leave idle since `started` (a short window is first made long enough). */
function threadsForNow(ceiling: number, started: CpuSample, files: number): number {
  if (ceiling < 2) return ceiling;
  let now = cpuSample();
  const short = MIN_SAMPLE_MS - (now.at - started.at);
  if (short > 0) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, short);
    now = cpuSample();
  }
  const others = othersBusyBetween(started, now) ?? loadavg()[0] ?? 0;
  return Math.min(ceiling, reviewThreads(idleCores(availableParallelism(), others), files));
}

type Range = { start: number; end: number };

/** An instance budget over a counter all the shares add to (see ModuleGraph.instanceBudget). */
export function sharedInstanceBudget(counter: SharedArrayBuffer): (added: number) => boolean {
  const total = new Int32Array(counter);
  return (added) => Atomics.add(total, 0, added) + added <= MAX_REVIEW_INSTANCES;
}

/**
 * Contiguous ranges of the discovery order, about equal in files, cut only
 * where the top-level folder (under the analysed path) changes — at the
 * boundary nearest the even split, before or after it: one large repository
 * is not tacked onto a share that already has its part (the ten public
 * repositories cut after the first boundary past the half held three times
 * the other share's work).
 */
export function shareRanges(modules: readonly ModuleFiles[], paths: readonly string[], settings: Pick<ParallelSettings, 'threads' | 'minFiles'>): Range[] {
  const sizes = modules.map((m) => m.configFiles.length + m.varFiles.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total < settings.minFiles || settings.threads < 2) return [{ start: 0, end: modules.length }];
  return cutShares(
    sizes,
    modules.map((m) => topLevelKey(m.dir, paths)),
    settings.threads,
  );
}

/**
 * `threads` contiguous ranges of items of the given sizes (fewer when there are fewer places to cut), cut only
 * where the key changes, each at the place nearest the even split — the CLI's shares of modules (by files) and the
 * editor's scan shares of directories (by modules).
 */
export function cutShares(sizes: readonly number[], keys: readonly string[], threads: number): Range[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  // Where a share may end (after item i, when the next has another key), and the size before.
  const boundaries: Array<{ end: number; size: number }> = [];
  let size = 0;
  for (let i = 0; i + 1 < sizes.length; i++) {
    size += sizes[i]!;
    if (keys[i] !== keys[i + 1]) boundaries.push({ end: i + 1, size });
  }
  const ranges: Range[] = [];
  let start = 0;
  let next = 0;
  for (let cut = 1; cut < threads && next < boundaries.length; cut++) {
    const wanted = (total * cut) / threads;
    // The nearest boundary to the even split among those left (ties: the earlier one).
    let best = next;
    for (let b = next + 1; b < boundaries.length && Math.abs(boundaries[b]!.size - wanted) < Math.abs(boundaries[best]!.size - wanted); b++) best = b;
    ranges.push({ start, end: boundaries[best]!.end });
    start = boundaries[best]!.end;
    next = best + 1;
  }
  ranges.push({ start, end: sizes.length });
  return ranges;
}

/** The analysed path holding `dir` and the first folder below it: `/work/repos` + `vpc` (`depth` folders: `vpc/modules`). */
export function topLevelKey(dir: string, paths: readonly string[], depth = 1): string {
  const path = paths.find((p) => isInside(p, dir));
  if (path === undefined) return dir;
  // A normalised path below `path` (every one discovery gives) is cut, not resolved: 20,000 files are thousands of folders.
  const rel = relativeBelow(path, dir);
  return `${path}\u0000${rel === '' || isAbsolute(rel) ? '' : rel.split(sep).slice(0, depth).join(sep)}`;
}

/** The shares as one review, or undefined when they do not add up to one (see the file comment). */
export function mergeShares(
  shares: ReadonlyArray<ShareResult | undefined>,
  modules: readonly ModuleFiles[],
  ranges: readonly Range[],
  roleOptions: ReturnType<typeof roleAssignmentOptions>,
): ShareResult | undefined {
  if (shares.some((s) => !s?.share || s.share.trailingErrors > 0 || s.share.abandoned)) return undefined;
  const complete = shares as ShareResult[];
  if (complete.reduce((n, s) => n + s.share!.instances, 0) > MAX_REVIEW_INSTANCES) return undefined;
  const shareOf = new Map<string, number>();
  ranges.forEach((range, i) => {
    for (let m = range.start; m < range.end; m++) shareOf.set(modules[m]!.dir, i);
  });
  for (const [i, s] of complete.entries()) {
    for (const fact of s.share!.facts) {
      for (const call of fact.localCalls) {
        const owner = shareOf.get(call.dir);
        if (owner !== undefined && owner !== i) return undefined;
      }
    }
  }
  const roles = assignModuleRoles(
    complete.flatMap((s) => s.share!.facts),
    roleOptions,
  );
  for (const s of complete) {
    for (const r of s.moduleRoles) {
      const whole = roles.get(r.dir);
      if (!whole || whole.role !== r.role || whole.why !== r.why) return undefined;
    }
  }
  const [first, ...rest] = complete;
  const merged: ShareResult = {
    findings: [],
    errors: [...first!.errors],
    configErrors: first!.configErrors,
    undecided: [],
    files: [...first!.files],
    modules: [...first!.modules],
    moduleRoles: [...first!.moduleRoles],
  };
  // Loops, not push(...spread): a share can hold more findings than a call has room for arguments.
  for (const s of complete) for (const f of s.findings) merged.findings.push(f);
  for (const s of rest) {
    for (const e of s.errors.slice(s.share!.leadingErrors)) merged.errors.push(e);
    for (const f of s.files) merged.files.push(f);
    for (const m of s.modules) merged.modules.push(m);
    for (const r of s.moduleRoles) merged.moduleRoles.push(r);
  }
  merged.findings.sort(compareFindings);
  return merged;
}

interface RunningShare {
  /** Blocks until the worker has answered; undefined when it failed or stopped. */
  result(): ShareResult | undefined;
}

/** What a share worker receives (share-worker.ts). */
export interface ShareRequest {
  options: Pick<AnalyzeOptions, 'cwd' | 'paths' | 'configFile' | 'fixes' | 'undecided'>;
  range: Range;
  /** The CLI's discovery (plain data): a worker does not walk the workspace again. */
  discovered: Discovery;
  port: MessagePort;
  /** Int32 flag the worker sets, then notifies, once its answer is on the port. */
  done: SharedArrayBuffer;
  /** Int32 count of the module instances all the shares created (sharedInstanceBudget). */
  instances: SharedArrayBuffer;
}

function startShare(script: string, options: AnalyzeOptions, range: Range, discovered: Discovery, instances: SharedArrayBuffer): RunningShare {
  const { Worker, MessageChannel, receiveMessageOnPort } = process.getBuiltinModule('node:worker_threads');
  const { port1, port2 } = new MessageChannel();
  const done = new SharedArrayBuffer(4);
  const request: ShareRequest = {
    options: {
      cwd: options.cwd,
      ...(options.paths ? { paths: options.paths } : {}),
      ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
      ...(options.fixes ? { fixes: options.fixes } : {}),
      undecided: false,
    },
    range,
    discovered,
    port: port2,
    done,
    instances,
  };
  const worker: Worker = new Worker(script, {
    argv: ['--share-worker'],
    workerData: request,
    transferList: [port2],
    env: { ...process.env, IAC_REVIEW_SHARE_WORKER: '1', IAC_REVIEW_TIMINGS: '' },
    stdout: false,
    stderr: false,
  });
  const flag = new Int32Array(done);
  return {
    result() {
      // The CLI's review is synchronous: wait on the flag, in slices, so that a worker that died (out of
      // memory) is noticed — a stopped worker's resourceLimits is an empty object — instead of waited for.
      while (Atomics.wait(flag, 0, 0, 200) === 'timed-out') {
        if (Object.keys(worker.resourceLimits ?? {}).length === 0) return undefined;
      }
      const answer = receiveMessageOnPort(port1)?.message as { result?: ShareResult } | undefined;
      port1.close();
      return answer?.result;
    },
  };
}
