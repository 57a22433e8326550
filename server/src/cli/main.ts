// Entry point of the `iac-review` binary (bundled to dist/cli.cjs, started by dist/cli.js).
import { nowMs } from '../engine/clock.js';
import { main } from './cli.js';
import { processIO } from './io.js';
import { plainStderr } from './stderr-channel.js';
import { addTiming, enableTimings, timed, timingTotals } from '../engine/timings.js';
import { runShare, shareRequest } from './share-worker.js';
import { runScanWorker, scanWorkerRequest } from '../lsp/scan-worker.js';

// Milliseconds since the process started: Node's own start-up, then reading, compiling and initialising this bundle.
const startUp = nowMs();
const io = processIO();
// A worker thread of a parallel check (parallel-review.ts) runs the same bundle: it reviews its share and ends.
const share = shareRequest(io.env);
// So does a worker thread of the language server's start-up scan (lsp/scan-pool.ts).
const scan = share ? undefined : scanWorkerRequest(io.env);
if (share) runShare(share);
else if (scan) runScanWorker(scan);
else runCli();

function runCli(): void {
  // `npm run bench` asks where the time goes; nothing changes on stdout, the breakdown goes to stderr at exit.
  if (io.env.IAC_REVIEW_TIMINGS) {
    enableTimings();
    addTiming('start-up', startUp);
    process.on('exit', () => io.stderr(`iac-review timings: ${JSON.stringify({ totalMs: nowMs(), phases: timingTotals() })}\n`));
  }
  const argv = process.argv.slice(2);
  try {
    process.exitCode = timed('cli (other)', () => main(argv, io));
  } catch (e) {
    plainStderr(io).internalError(e);
    process.exitCode = 2;
  }
  // A `check` is over when main returns: it runs nothing later (its worker threads have answered), and what it
  // wrote has left the process unless a full pipe made a write wait in a Node stream. Ending here spares the
  // teardown of the heap the review built, which a natural exit spends (~2 ms of a one-file check).
  if (argv[0] === 'check' && io.written()) process.exit();
}
