// Generates docs/rules.md (the rule reference) from the rule metadata — the
// same text as `iac-review rules --format markdown`. tests/docs.test.ts fails when stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs/rules.md');
execFileSync(process.execPath, [join(root, 'scripts/gen-rule-registry.mjs')], { stdio: 'inherit' });

const tmp = mkdtempSync(join(tmpdir(), 'iac-review-docs-'));
try {
  const bundle = join(tmp, 'docs.mjs');
  await esbuild.build({
    stdin: {
      contents: [
        "import { RULES } from './server/src/engine/rules/registry.generated.ts';",
        "import { formatCatalogMarkdown } from './server/src/cli/format/rule-catalog.ts';",
        'export const text = formatCatalogMarkdown(RULES.map((r) => r.meta));',
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    mainFields: ['module', 'main'],
    format: 'esm',
    logLevel: 'error',
  });
  const { text } = await import(pathToFileURL(bundle).href);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
