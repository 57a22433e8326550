// Shared by the generators of committed files (config schema, rule reference):
// bundle a few lines of TypeScript that import the engine, run them, and write
// the text they export when it changed.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles `source` (TypeScript resolved from the repository root) into a temporary folder and imports it: the
 * generators run the engine's own code this way. The folder is removed once the module is loaded.
 */
export async function importTypeScript(source) {
  const tmp = mkdtempSync(join(tmpdir(), 'iac-review-gen-'));
  try {
    const bundle = join(tmp, 'generate.mjs');
    await esbuild.build({
      stdin: { contents: source, resolveDir: root, loader: 'ts' },
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      // jsonc-parser's UMD build requires its parts dynamically, which cannot be bundled; its ESM build can.
      mainFields: ['module', 'main'],
      logLevel: 'warning',
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    // The IAM index is read beside the bundle on first use (action-index.ts), as the CLI reads it beside dist/cli.cjs.
    const index = join(root, 'dist/iam-index.generated.json');
    if (existsSync(index)) copyFileSync(index, join(tmp, 'iam-index.generated.json'));
    return await import(pathToFileURL(bundle).href);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `source` is TypeScript resolved from the repository root that exports `text`. */
export async function writeGeneratedText(outFile, source) {
  execFileSync(process.execPath, [join(root, 'scripts/gen-rule-registry.mjs')], { stdio: 'inherit' });
  const { text } = await importTypeScript(source);
  mkdirSync(dirname(outFile), { recursive: true });
  if (!existsSync(outFile) || readFileSync(outFile, 'utf8') !== text) {
    writeFileSync(outFile, text);
    console.log(`wrote ${relative(root, outFile)}`);
  }
}
