import { describe, expect, it } from 'vitest';
import { addTiming, enableTimings, TIMINGS, timed, timingTotals } from '../../server/src/engine/timings.js';
import { timedSteps } from '../../server/src/engine/steps.js';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* spin: the time must be spent on this thread */
  }
};

describe('timings (the CLI breakdown `npm run bench` prints)', () => {
  it('is off by default: timed() only runs the function and records nothing', () => {
    expect(TIMINGS.on).toBe(false);
    expect(timed('off-phase', () => 42)).toBe(42);
    addTiming('off-phase', 5);
    expect(timingTotals()).toEqual({});
  });

  it('counts each phase exclusively: an inner phase pauses the outer one, re-entering the running phase only nests', () => {
    enableTimings();
    timed('outer', () => {
      busy(20);
      timed('inner', () => {
        busy(30);
        // The evaluator's recursion: the same phase again is not a second frame.
        timed('inner', () => busy(10));
      });
      busy(20);
    });
    const totals = timingTotals();
    expect(totals.outer).toBeGreaterThanOrEqual(40);
    expect(totals.outer).toBeLessThan(40 + 25);
    expect(totals.inner).toBeGreaterThanOrEqual(40);
    expect(totals.inner).toBeLessThan(40 + 25);
    expect(TIMINGS.top).toBeUndefined();
  });

  it("counts a generator's steps as the phase (a re-parse in the editor), not the time between them", () => {
    enableTimings();
    function* work(): Generator<void, number, void> {
      busy(15);
      yield;
      busy(15);
      return 7;
    }
    const steps = timedSteps('stepped', work());
    expect(steps.next().done).toBe(false);
    busy(40);
    expect(steps.next()).toEqual({ done: true, value: 7 });
    expect(timingTotals().stepped).toBeGreaterThanOrEqual(30);
    expect(timingTotals().stepped).toBeLessThan(30 + 25);
    expect(TIMINGS.top).toBeUndefined();
  });

  it('closes a phase whose function throws, and adds measured time', () => {
    expect(() => timed('throws', () => {
      throw new Error('x');
    })).toThrow('x');
    expect(TIMINGS.top).toBeUndefined();
    addTiming('start-up', 12);
    expect(timingTotals()['start-up']).toBe(12);
    expect(Object.keys(timingTotals())).toContain('throws');
  });
});
