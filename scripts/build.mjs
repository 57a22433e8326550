// Build: generate the rule registry and the IAM index, then bundle the CLI/server and the VS Code extension.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
/** What the launcher compiles (scripts/cli-launcher.cjs): the bundle inside the CommonJS wrapper function. */
const { BUNDLE_WRAPPER, BUNDLE_WRAPPER_END } = require('./cli-launcher.cjs');
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
// The bundle as dist/cli.js compiles it: the function Node's CommonJS loader would wrap it in, written into the
// file, so that the launcher hands V8 a slice of the text it read rather than a 1.6 MB copy with the wrapper
// around it; the call after it keeps dist/cli.cjs a module that runs when required. Read as Latin-1 by the
// launcher (one copy, no UTF-8 decoding), so it must be ASCII (esbuild escapes what is not, by default).
// It names itself by its content, at its end (line numbers stay those of the source map): the code cache is
// built for that name, and dist/cli.js uses a cache only with the bundle it was built for.
const cliBundle = join(root, 'dist/cli.cjs');
const SOURCE_MAP_COMMENT = '//# sourceMappingURL=cli.cjs.map\n';
const bundled = readFileSync(cliBundle, 'utf8');
if (!bundled.endsWith(SOURCE_MAP_COMMENT)) throw new Error(`dist/cli.cjs does not end with ${JSON.stringify(SOURCE_MAP_COMMENT)}`);
if (/[^\x00-\x7f]/.test(bundled)) throw new Error('dist/cli.cjs is not ASCII: the launcher reads it as Latin-1');
const wrapped =
  `${BUNDLE_WRAPPER}${bundled.slice(0, -SOURCE_MAP_COMMENT.length)}${BUNDLE_WRAPPER_END}` +
  '.call(this, exports, require, module, __filename, __dirname);\n' +
  SOURCE_MAP_COMMENT;
writeFileSync(cliBundle, `${wrapped}//# iacReviewBundle=${createHash('sha256').update(wrapped).digest('hex').slice(0, 32)}\n`);
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
