// Build: generate the rule registry and the IAM index, then bundle the CLI/server and the VS Code extension.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (script) => execFileSync(process.execPath, [join(root, 'scripts', script)], { stdio: 'inherit' });

run('gen-rule-registry.mjs');
if (existsSync(join(root, 'scripts/build-iam-index.mjs'))) run('build-iam-index.mjs');

const nodeBundle = {
  bundle: true,
  platform: 'node',
  // jsonc-parser's UMD build requires its parts dynamically, which cannot be bundled; its ESM build can.
  mainFields: ['module', 'main'],
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // Less text to read and compile at every start (the CLI starts once per run); names are kept for stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

// The CLI and language server: a CommonJS bundle (dist/cli.cjs) that dist/cli.js starts through V8's code cache
// (scripts/build-code-cache.cjs, below). Node 20 keeps no compile cache for ES modules (module.enableCompileCache
// is Node 22.1+), and compiling the bundle was a fifth of a one-file `check`. dist/package.json makes dist/*.js
// CommonJS: an ES module entry point also costs the ES module loader's start-up at every run.
await esbuild.build({
  ...nodeBundle,
  format: 'cjs',
  entryPoints: [join(root, 'server/src/cli/main.ts')],
  outfile: join(root, 'dist/cli.cjs'),
  // The exercise packs are found beside the bundle (exercise-folder.ts): import.meta.url is the bundle's own URL.
  define: { 'import.meta.url': '__iacReviewBundleUrl' },
  banner: { js: "var __iacReviewBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// The bundle names itself by its content, at its end (line numbers stay those of the source map): the code
// cache is built for that name, and dist/cli.js uses a cache only with the bundle it was built for.
const cliBundle = join(root, 'dist/cli.cjs');
const cliSource = readFileSync(cliBundle, 'utf8');
writeFileSync(cliBundle, `${cliSource}//# iacReviewBundle=${createHash('sha256').update(cliSource).digest('hex').slice(0, 32)}\n`);
// The IAM index is read on first use, beside the bundle (action-index.ts), not bundled into it.
copyFileSync(join(root, 'server/src/engine/iam/iam-index.generated.json'), join(root, 'dist/iam-index.generated.json'));
writeFileSync(join(root, 'dist/package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
copyFileSync(join(root, 'scripts/cli-launcher.cjs'), join(root, 'dist/cli.js'));
chmodSync(join(root, 'dist/cli.js'), 0o755);
run('build-code-cache.cjs');

// The engine alone, for the benchmark and for library use (an ES module: .mjs, since dist/ is CommonJS).
await esbuild.build({
  ...nodeBundle,
  entryPoints: [join(root, 'server/src/engine/analyze.ts')],
  outfile: join(root, 'dist/engine.mjs'),
  banner: { js: requireShim },
});
rmSync(join(root, 'dist/engine.js'), { force: true });
rmSync(join(root, 'dist/engine.js.map'), { force: true });
rmSync(join(root, 'dist/cli.js.map'), { force: true });

// The VS Code extension and its test suite: CommonJS, which every VS Code the
// manifest allows loads with require(); `.cjs` because package.json says
// "type": "module". `vscode` is provided by the extension host.
const extensionBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  sourcemap: true,
  logLevel: 'warning',
};
// Minified: vscode-languageclient is most of it, and a smaller file loads faster at activation.
await esbuild.build({
  ...extensionBundle,
  entryPoints: [join(root, 'client/src/extension.ts')],
  outfile: join(root, 'client/out/extension.cjs'),
  minify: true,
});
// mocha stays a require() of the repository's node_modules (the suite runs from the repository).
await esbuild.build({
  ...extensionBundle,
  entryPoints: [join(root, 'client/src/test/suite/index.ts')],
  outfile: join(root, 'client/out/test/suite/index.cjs'),
  external: ['vscode', 'mocha'],
});
