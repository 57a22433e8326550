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
// The language server's protocol libraries (a fifth of the CLI bundle) sit in a file of their own,
// dist/lsp-libraries.cjs, read when `iac-review lsp` starts the server: every other command only read them,
// and the code cache carried their functions (~500 page faults and ~12 M instructions of every `check`).
const LSP_LIBRARIES = ['vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageserver-textdocument'];
const LSP_LIBRARIES_FILE = './lsp-libraries.cjs';
/** In the CLI bundle, each protocol library is a module that takes it from dist/lsp-libraries.cjs. */
const lspLibrariesApart = {
  name: 'lsp-libraries-apart',
  setup(build) {
    const filter = new RegExp(`^(${LSP_LIBRARIES.map((l) => l.replace(/[/-]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lsp-library' }));
    build.onLoad({ filter: /.*/, namespace: 'lsp-library' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(LSP_LIBRARIES_FILE)})[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/lsp-libraries\.cjs$/ }, (args) => ({ path: args.path, external: true }));
  },
};
await esbuild.build({
  ...nodeBundle,
  format: 'cjs',
  stdin: {
    contents: `module.exports = {${LSP_LIBRARIES.map((l) => `${JSON.stringify(l)}: require(${JSON.stringify(l)})`).join(', ')}};`,
    resolveDir: root,
    sourcefile: 'lsp-libraries.cjs',
  },
  outfile: join(root, 'dist/lsp-libraries.cjs'),
});
await esbuild.build({
  ...nodeBundle,
  format: 'cjs',
  plugins: [lspLibrariesApart],
  entryPoints: [join(root, 'server/src/cli/main.ts')],
  outfile: join(root, 'dist/cli.cjs'),
  // The exercise packs are found beside the bundle (exercise-folder.ts): import.meta.url is the bundle's own URL,
  // made when first asked for (pathToFileURL at every start was ~0.5 ms of a one-file check).
  define: { 'import.meta.url': '__iacReviewBundle.url' },
  banner: { js: "var __iacReviewBundle = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
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

// The engine alone, for the benchmark and for library use (an ES module: .mjs, since dist/ is CommonJS), with the
// parser on its own: `npm run bench` also times it against the reference (scripts/bench-worker.mjs ours-parse-cold).
await esbuild.build({
  ...nodeBundle,
  stdin: {
    contents: "export * from './server/src/engine/analyze.ts'; export { parseSource } from './server/src/engine/parse/parse-file.ts';",
    resolveDir: root,
    sourcefile: 'engine.mjs',
    loader: 'ts',
  },
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
