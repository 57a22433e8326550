// Build: generate the rule registry and the IAM index, then bundle the CLI/server.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (script) => execFileSync(process.execPath, [join(root, 'scripts', script)], { stdio: 'inherit' });

run('gen-rule-registry.mjs');
if (existsSync(join(root, 'scripts/build-iam-index.mjs'))) run('build-iam-index.mjs');

await esbuild.build({
  entryPoints: [join(root, 'server/src/cli/main.ts')],
  outfile: join(root, 'dist/cli.js'),
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// The engine alone, for the benchmark and for library use.
await esbuild.build({
  entryPoints: [join(root, 'server/src/engine/analyze.ts')],
  outfile: join(root, 'dist/engine.js'),
  bundle: true,
  platform: 'node',
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
