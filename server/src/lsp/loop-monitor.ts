import { constants, monitorEventLoopDelay, performance, PerformanceObserver, type IntervalHistogram, type PerformanceEntry } from 'node:perf_hooks';
import { timingTotals } from '../engine/timings.js';

/**
 * `iacReview/internalTimings`: what `npm run bench` (scripts/bench-lsp.mjs)
 * asks a server started with IAC_REVIEW_LSP_TIMINGS set — the longest the
 * event loop was held (a request or an edit waits that long), measured inside
 * the server since the last reset; with IAC_REVIEW_TIMINGS also set, where the
 * engine's time went (its phase timers cost time of their own, so the bench
 * leaves them off). Not part of the protocol a client uses: the request
 * exists only when the variable is set.
 */
export const INTERNAL_TIMINGS_REQUEST = 'iacReview/internalTimings';

export interface InternalTimings {
  /** The longest event-loop block since the last reset, in milliseconds (histogram resolution: RESOLUTION_MS). */
  eventLoopMaxMs: number;
  /** The 99th percentile of the event-loop delay, in milliseconds. */
  eventLoopP99Ms: number;
  /** The engine's phases (server/src/engine/timings.ts), when it records them (IAC_REVIEW_TIMINGS). */
  phases: Record<string, number>;
  /** Heap and RSS now, in MB. */
  heapUsedMb: number;
  rssMb: number;
  /**
   * Garbage collections on the server's thread since the last reset: full (mark-compact) ones and their
   * pauses, and the scavenges' pauses. A full collection costs its edit more than its pause: V8 marks
   * incrementally, on the thread, while the review runs. `fullAt`: when each full one ended (the first
   * MAX_GC_TIMES), in milliseconds since the epoch, for the bench to tell which edits they fell in.
   */
  gc: { fullCount: number; fullPauseMs: number; scavengePauseMs: number; fullAt: number[] };
}

/** Full collections whose times a period keeps. */
const MAX_GC_TIMES = 1000;

/** Fine enough to tell a 50 ms block from a 60 ms one; the probe's own cost is one timer per period. */
const RESOLUTION_MS = 5;

export class LoopMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private readonly gcObserver = new PerformanceObserver((list) => this.count(list.getEntries()));
  private gc = LoopMonitor.noCollections();

  private static noCollections(): InternalTimings['gc'] {
    return { fullCount: 0, fullPauseMs: 0, scavengePauseMs: 0, fullAt: [] };
  }

  constructor() {
    this.histogram.enable();
    this.gcObserver.observe({ entryTypes: ['gc'] });
  }

  private count(entries: readonly PerformanceEntry[]): void {
    for (const e of entries) {
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        this.gc.fullCount++;
        this.gc.fullPauseMs += e.duration;
        if (this.gc.fullAt.length < MAX_GC_TIMES) this.gc.fullAt.push(performance.timeOrigin + e.startTime + e.duration);
      } else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) this.gc.scavengePauseMs += e.duration;
    }
  }

  /**
   * The figures since the last reset; `reset` starts a new period (the bench resets before what it measures).
   * Node's probe measures from one tick of its timer to the next, and a reset forgets the last tick: a block
   * before the first tick after a reset is not seen. The bench waits a few periods after one.
   */
  read(reset: boolean): InternalTimings {
    const memory = process.memoryUsage();
    // Entries not yet handed to the observer's callback count too.
    this.count(this.gcObserver.takeRecords());
    const timings: InternalTimings = {
      // The histogram records the intervals between a timer's runs (its period included): what ran in between held the loop.
      eventLoopMaxMs: Math.max(0, this.histogram.max / 1e6 - RESOLUTION_MS),
      eventLoopP99Ms: Math.max(0, this.histogram.percentile(99) / 1e6 - RESOLUTION_MS),
      phases: timingTotals(),
      heapUsedMb: memory.heapUsed / 2 ** 20,
      rssMb: memory.rss / 2 ** 20,
      gc: { ...this.gc, fullAt: [...this.gc.fullAt] },
    };
    if (reset) {
      this.histogram.reset();
      this.gc = LoopMonitor.noCollections();
    }
    return timings;
  }

  dispose(): void {
    this.histogram.disable();
    this.gcObserver.disconnect();
  }
}
