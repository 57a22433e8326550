// One measured command of the scale bench (bench-scale.mjs), in its own process so that peak RSS is its own.
// usage: node bench-scale-worker.mjs RESULT_FILE ARGS... — runs `iac-review ARGS...` (dist/cli.js) and writes
// { ms, peakRssMb, exitCode } to RESULT_FILE when the process exits.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [, , resultFile, ...args] = process.argv;
// dist/cli.js reads its arguments from process.argv when it loads.
process.argv = [process.argv[0], 'iac-review', ...args];
const started = performance.now();
process.on('exit', (exitCode) => {
  writeFileSync(resultFile, JSON.stringify({ ms: performance.now() - started, peakRssMb: process.resourceUsage().maxRSS / 1024, exitCode }));
});
// dist/cli.js runs the bundle only as the main module; loaded from here it hands over its two steps.
const { compileBundle, runBundle } = createRequire(import.meta.url)('../dist/cli.js');
runBundle(compileBundle());
