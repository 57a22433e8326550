// Entry point of the `iac-review` binary (bundled to dist/cli.js).
import { main } from './cli.js';
import { processIO } from './io.js';
import { plainStderr } from './stderr-channel.js';

const io = processIO();
try {
  process.exitCode = main(process.argv.slice(2), io);
} catch (e) {
  plainStderr(io).internalError(e);
  process.exitCode = 2;
}
