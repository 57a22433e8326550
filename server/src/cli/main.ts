// Entry point of the `iac-review` binary (bundled to dist/cli.js).
import { main } from './cli.js';
import { processIO } from './io.js';

try {
  process.exitCode = main(process.argv.slice(2), processIO());
} catch (e) {
  process.stderr.write(`iac-review: internal error: ${(e as Error)?.stack ?? String(e)}\nPlease report this with the input that caused it.\n`);
  process.exitCode = 2;
}
