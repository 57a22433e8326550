/**
 * Milliseconds since the process started, as `performance.now()` counts them, read without `performance`: the
 * global loads node:perf_hooks when first touched, ~1 ms of every start of the CLI, which reads the clock for
 * its rule time budgets and its timings only.
 */
export function nowMs(): number {
  return process.uptime() * 1000;
}
