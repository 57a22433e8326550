// One measured command of the scale bench (bench-scale.mjs), in its own process so that peak RSS is its own.
// usage: node bench-scale-worker.mjs RESULT_FILE ARGS... — runs `iac-review ARGS...` (dist/cli.js) and writes
// { ms, peakRssMb, exitCode } to RESULT_FILE when the process exits.
import { writeFileSync } from 'node:fs';

const [, , resultFile, ...args] = process.argv;
// dist/cli.js reads its arguments from process.argv when it loads.
process.argv = [process.argv[0], 'iac-review', ...args];
const started = performance.now();
process.on('exit', (exitCode) => {
  writeFileSync(resultFile, JSON.stringify({ ms: performance.now() - started, peakRssMb: process.resourceUsage().maxRSS / 1024, exitCode }));
});
await import('../dist/cli.js');
