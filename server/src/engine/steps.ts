import { timed } from './timings.js';

/**
 * Work done in steps: a generator that yields between pieces of a long task
 * (a review, a re-parse), so that the language server can run a few at a time
 * and let its event loop turn in between; the CLI runs them to the end.
 */

/** Runs the steps to the end and returns what they make. */
export function drain<T>(steps: Generator<void, T, void>): T {
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** The steps, each run as `phase` (timings.ts): their time counts as the phase, the time between them does not. */
export function* timedSteps<T>(phase: string, steps: Generator<void, T, void>): Generator<void, T, void> {
  for (;;) {
    const step = timed(phase, () => steps.next());
    if (step.done) return step.value;
    yield;
  }
}
