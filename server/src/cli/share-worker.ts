import { analyzeWorkspace } from '../engine/analyze.js';
import { sharedInstanceBudget, type ShareRequest } from './parallel-review.js';

/** The request, when this thread is a share worker started by parallel-review.ts; undefined in the CLI's own thread. */
export function shareRequest(env: Readonly<Record<string, string | undefined>>): ShareRequest | undefined {
  if (env.IAC_REVIEW_SHARE_WORKER !== '1') return undefined;
  const threads = process.getBuiltinModule('node:worker_threads');
  return threads.isMainThread ? undefined : (threads.workerData as ShareRequest);
}

/**
 * Reviews the share and answers on the port, then raises the flag the CLI's
 * thread waits on — always, also after a failure (the CLI then reviews on
 * one thread), since that thread cannot see the worker's events while it waits.
 */
export function runShare(request: ShareRequest): void {
  try {
    const { config: _config, analyses: _analyses, ...result } = analyzeWorkspace({
      ...request.options,
      moduleRange: request.range,
      discovered: request.discovered,
      instanceBudget: sharedInstanceBudget(request.instances),
    });
    request.port.postMessage({ result });
  } catch (e) {
    request.port.postMessage({ error: e instanceof Error ? e.message : String(e) });
  } finally {
    const flag = new Int32Array(request.done);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    request.port.close();
  }
}
