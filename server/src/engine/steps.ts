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
