import type { Worker } from 'node:worker_threads';
import { availableParallelism, loadavg } from 'node:os';
import { cpuSample, cutShares, idleCores, othersBusyBetween, parallelSettings, reviewThreads, topLevelKey, type CpuSample, type ParallelSettings } from '../cli/parallel-review.js';
import type { ScanWorkerMessage, ScanWorkerRequest, ScanWorkerResult } from './scan-worker.js';
import type { ServerSettings } from './settings.js';

/**
 * The start-up scan of a large workspace on worker threads (issue 17): the
 * server's own thread then only publishes what they find, so an edit or a
 * request never waits behind a review of someone else's module (a review of
 * a large module holds a thread for hundreds of milliseconds), and a
 * machine's idle cores share the work. Each worker reviews a contiguous
 * share of the scan's order, cut where the top-level folder changes (a
 * repository's modules call each other). Below the CLI's threshold
 * (PARALLEL_MIN_FILES, IAC_REVIEW_PARALLEL_MIN_FILES) the server's thread
 * scans, as it does when running from the sources (tests), which start no worker.
 */

/** The heap a scan worker may use: past it the worker stops and the server's thread reviews the rest of its share. */
const WORKER_HEAP_MB = 160;
/**
 * The most workers a scan starts, and each one's young generation when there are more than two. Every worker
 * is a heap of its own, and the server's memory must stay bounded on a machine with many cores. On the
 * 20,000-file benchmark workspace (scripts/bench-lsp.mjs --scale), with V8's default young generation, the
 * server's peak RSS was 350–366 MB with two workers, 457 MB with three and 522–536 MB with four. With the
 * young generation of each worker kept to 8 MB it was 340 MB with three and 390 MB with four (286–292 MB with
 * two, but a two-worker scan was up to a tenth slower).
 */
export const MAX_SCAN_THREADS = 3;
const MANY_WORKERS_YOUNG_GENERATION_MB = 8;

export interface ScanRun {
  /** How many worker threads review. */
  readonly threads: number;
  /** The modules no worker reviewed (one failed, or the run was stopped): the server's thread reviews them. */
  readonly finished: Promise<string[]>;
  /** Stops the workers; `finished` then resolves with what they left. */
  stop(): void;
}

export interface ScanPoolOptions {
  folders: readonly string[];
  settings: ServerSettings;
  buffers: ReadonlyMap<string, string>;
  /** The output channel at `info`: a worker that stops early says why. */
  log: (message: string) => void;
  /** The machine's CPU times when the scan began (cpuSample): what other processes used since says how many cores are idle. */
  since?: CpuSample;
}

/**
 * Starts the workers over `dirs` (in scan order; `files`: the source files
 * they hold), or returns undefined when the server's thread should scan.
 */
export function startScanWorkers(
  dirs: readonly string[],
  files: number,
  options: ScanPoolOptions,
  onResult: (result: ScanWorkerResult) => void,
): ScanRun | undefined {
  const settings = parallelSettings(process.env);
  if (dirs.length === 0 || files < settings.minFiles) return undefined;
  // The CLI's launcher beside the running bundle: running from the sources (tests), there is none and this thread scans.
  const script = settings.workerScript;
  if (!script) return undefined;
  const { Worker, MessageChannel } = process.getBuiltinModule('node:worker_threads');
  const threads = scanThreads(settings, files, availableParallelism(), options.since, cpuSample(), loadavg()[0] ?? 0);
  const shares = shareDirs(dirs, options.folders, threads);
  const received = new Set<string>();
  const workers: Worker[] = [];
  let stopped = false;
  const ends = shares.map(
    (share) =>
      new Promise<void>((end) => {
        const { port1, port2 } = new MessageChannel();
        const request: ScanWorkerRequest = {
          folders: [...options.folders],
          configFile: options.settings.configFile,
          settings: options.settings,
          dirs: share,
          buffers: [...options.buffers],
          port: port2,
        };
        const worker: Worker = new Worker(script, {
          workerData: request,
          transferList: [port2],
          env: { ...process.env, IAC_REVIEW_LSP_SCAN_WORKER: '1', IAC_REVIEW_TIMINGS: '' },
          // Piped, never read: nothing a worker writes may reach the protocol stream on stdout.
          stdout: true,
          stderr: true,
          resourceLimits: scanWorkerLimits(shares.length),
        });
        workers.push(worker);
        let ended = false;
        const finish = () => {
          if (ended) return;
          ended = true;
          port1.close();
          end();
        };
        port1.on('message', (message: ScanWorkerMessage) => {
          if (stopped) return;
          if ('done' in message) {
            finish();
            void worker.terminate();
            return;
          }
          received.add(message.result.dir);
          onResult(message.result);
        });
        // A worker that fails (out of memory, an error outside the reviews) ends its share here; the rest is reviewed by the server's thread.
        worker.on('error', (e) => {
          if (!stopped) options.log(`scan worker stopped (${e?.message ?? String(e)}): the server's thread reviews the rest of its modules`);
          finish();
        });
        worker.on('exit', finish);
      }),
  );
  const finished = Promise.all(ends).then(() => dirs.filter((d) => !received.has(d)));
  return {
    threads: shares.length,
    finished,
    stop() {
      if (stopped) return;
      stopped = true;
      for (const worker of workers) void worker.terminate();
    },
  };
}

/**
 * The worker threads for a scan of `files` source files on a machine of `cores`: one per core other processes
 * leave idle, as the CLI counts them — from the CPU time they used between the scan's start (`since`) and
 * `now`, while this thread walked the workspace. The last minute's load average (`load`) decides only when
 * that window says nothing (too short, no counters): it still counts whatever ran before the editor started,
 * such as a build that just ended, and kept a scan on one thread of an idle machine.
 */
export function scanThreads(settings: Pick<ParallelSettings, 'threads' | 'measured'>, files: number, cores: number, since: CpuSample | undefined, now: CpuSample, load: number): number {
  if (!settings.measured) return settings.threads;
  const others = (since && othersBusyBetween(since, now)) ?? load;
  return Math.min(settings.threads, MAX_SCAN_THREADS, reviewThreads(idleCores(cores, others), files));
}

/** What each of `workers` scan workers may use (see MAX_SCAN_THREADS). */
export function scanWorkerLimits(workers: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb?: number } {
  if (workers <= 2) return { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  return { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: MANY_WORKERS_YOUNG_GENERATION_MB };
}

/** How much more than an even share one may hold before the cut goes below the top-level folders. */
const UNEVEN_SHARE = 1.5;
/** How many folders deep a cut may go (then it is made where that level changes, even or not). */
const MAX_SHARE_DEPTH = 4;

/**
 * Contiguous shares of `dirs`, about equal in modules, cut where the top-level folder (under its workspace
 * folder) changes: a repository's modules call each other, so they share loaded callees and learn each other's
 * roles in one worker. Where that leaves one share more than half as large again as an even one (a monorepo
 * whose Terraform sits under one `infra/` folder would get one worker), the cut goes a folder deeper. Each
 * review stands on its own (the server checks every role against all modules' facts), so any cut is correct;
 * a deeper one only loads some callees twice.
 */
export function shareDirs(dirs: readonly string[], folders: readonly string[], threads: number): string[][] {
  // One share needs no cut, nor the folder of each directory (tens of milliseconds of the event loop for 20,000 files).
  if (threads < 2) return [[...dirs]];
  const even = dirs.length / threads;
  const sizes = dirs.map(() => 1);
  let ranges = cutShares(sizes, dirs.map((d) => topLevelKey(d, folders)), threads);
  for (let depth = 2; depth <= MAX_SHARE_DEPTH && Math.max(...ranges.map((r) => r.end - r.start)) > UNEVEN_SHARE * even; depth++) {
    ranges = cutShares(sizes, dirs.map((d) => topLevelKey(d, folders, depth)), threads);
  }
  return ranges.map((r) => dirs.slice(r.start, r.end));
}
