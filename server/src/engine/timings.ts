/**
 * Where a run's time goes, by phase (`npm run bench` asks the CLI for it
 * with IAC_REVIEW_TIMINGS=1). Off by default: each hook is then one test of
 * `TIMINGS.on`, so the hot paths (the evaluator's recursion) stay as fast.
 *
 * Times are exclusive: a phase entered inside another (the evaluation a
 * rule asks for) pauses the outer one, so the phases add up to the run.
 * Re-entering the phase already running (the evaluator's recursion) only
 * counts depth. Everything is synchronous on one thread, so one stack does.
 */
import { nowMs } from './clock.js';
export const TIMINGS: { on: boolean; top: string | undefined } = { on: false, top: undefined };

interface Frame {
  phase: string;
  depth: number;
  since: number;
}

const totals = new Map<string, number>();
const stack: Frame[] = [];

export function enableTimings(): void {
  TIMINGS.on = true;
}

/** Runs `fn` as `phase` (its time, less that of phases entered inside it, is added to the phase's total). */
export function timed<T>(phase: string, fn: () => T): T {
  if (!TIMINGS.on) return fn();
  enter(phase);
  try {
    return fn();
  } finally {
    leave();
  }
}

/** Adds time measured elsewhere (the process's start-up, before any code of ours ran). */
export function addTiming(phase: string, ms: number): void {
  if (TIMINGS.on) totals.set(phase, (totals.get(phase) ?? 0) + ms);
}

/** The totals so far, in milliseconds, by phase, largest first. */
export function timingTotals(): Record<string, number> {
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]));
}

function enter(phase: string): void {
  const now = nowMs();
  const top = stack[stack.length - 1];
  if (top?.phase === phase) {
    top.depth++;
    return;
  }
  if (top) addTiming(top.phase, now - top.since);
  stack.push({ phase, depth: 1, since: now });
  TIMINGS.top = phase;
}

function leave(): void {
  const now = nowMs();
  const top = stack[stack.length - 1]!;
  if (--top.depth > 0) return;
  addTiming(top.phase, now - top.since);
  stack.pop();
  const below = stack[stack.length - 1];
  if (below) below.since = now;
  TIMINGS.top = below?.phase;
}
