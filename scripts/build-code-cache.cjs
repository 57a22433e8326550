// Builds dist/cli.cjs.cache, the V8 code cache dist/cli.js starts the CLI with (see scripts/cli-launcher.cjs).
// The cache is taken after a real run — `check --format json` and `check` of the example module — so that it
// holds the functions a review compiles lazily, not only the bundle's top level. Run by scripts/build.mjs, in
// its own process: the cache must come from a clean V8 with default flags, as the user's `node` starts.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

// The CLI writes its output to file descriptor 1 itself (server/src/cli/io.ts), so the runs below cannot be
// silenced by replacing process.stdout.write: the script runs again as a child whose stdout is discarded.
const CHILD = 'IAC_REVIEW_CODE_CACHE_RUN';
if (!process.env[CHILD]) {
  const child = spawnSync(process.execPath, [__filename], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, [CHILD]: '1' } });
  if (child.error) throw child.error;
  if (child.status === 0 && !existsSync(join(__dirname, '..', 'dist', 'cli.cjs.cache'))) throw new Error('no code cache was written');
  process.exit(child.status ?? 1);
}

const root = join(__dirname, '..');
const cache = join(root, 'dist', 'cli.cjs.cache');
rmSync(cache, { force: true });
const { compileBundle, runBundle, cacheHeader } = require(join(root, 'dist', 'cli.js'));
const compiled = compileBundle();
if (!compiled.id) throw new Error('dist/cli.cjs has no bundle id (scripts/build.mjs appends it)');
const example = join(root, 'test-fixtures', 'example');
// The same run whatever the environment says: one thread, no timings.
process.env.IAC_REVIEW_THREADS = '1';
delete process.env.IAC_REVIEW_TIMINGS;
delete process.env[CHILD];
// A `check` ends its process when it is done (server/src/cli/main.ts): here the process has the cache to write.
const exit = process.exit;
process.exit = () => undefined;
try {
  for (const args of [['check', example, '--format', 'json'], ['check', example]]) {
    process.argv = [process.argv[0], join(root, 'dist', 'cli.js'), ...args];
    runBundle(compiled);
  }
} finally {
  process.exit = exit;
}
process.exitCode = 0;
writeFileSync(cache, Buffer.concat([cacheHeader(compiled.id), compiled.script.createCachedData()]));
