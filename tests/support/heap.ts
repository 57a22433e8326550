import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The heap in use after full garbage collections (tests that something is let go). */
export function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
