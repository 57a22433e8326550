import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LoopMonitor } from '../../server/src/lsp/loop-monitor.js';

/** V8's own full collection, without starting the process with --expose-gc. */
function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('LoopMonitor (the bench asks it through iacReview/internalTimings)', () => {
  it('measures the longest block, says when each full garbage collection happened, and starts a new period on reset', async () => {
    const gc = fullCollection();
    const monitor = new LoopMonitor();
    try {
      await turn();
      monitor.read(true);
      // The probe's first tick after a reset (a block before it would go unseen: loop-monitor.ts).
      await turn();
      const from = performance.timeOrigin + performance.now();
      gc();
      const busyUntil = performance.now() + 80;
      while (performance.now() < busyUntil) {
        // Holds the event loop.
      }
      const to = performance.timeOrigin + performance.now();
      await turn();
      const read = monitor.read(true);
      expect(read.eventLoopMaxMs).toBeGreaterThanOrEqual(60);
      expect(read.gc.fullCount).toBeGreaterThanOrEqual(1);
      expect(read.gc.fullAt).toHaveLength(read.gc.fullCount);
      expect(read.gc.fullAt.every((t) => t >= from && t <= to)).toBe(true);
      // A reset starts a new period.
      await turn();
      expect(monitor.read(false).gc).toEqual({ fullCount: 0, fullPauseMs: 0, scavengePauseMs: expect.any(Number), fullAt: [] });
    } finally {
      monitor.dispose();
    }
  });
});
