// Generates schemas/iac-review.schema.json (the JSON Schema of .iac-review.json) from the rule registry.
// The schema code is TypeScript, so it is bundled with esbuild into a temporary module first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'schemas/iac-review.schema.json');

execFileSync(process.execPath, [join(root, 'scripts/gen-rule-registry.mjs')], { stdio: 'inherit' });

const tmp = mkdtempSync(join(tmpdir(), 'iac-review-schema-'));
try {
  const bundle = join(tmp, 'schema.mjs');
  await esbuild.build({
    stdin: {
      contents: [
        "import { RULES } from './server/src/engine/rules/registry.generated.ts';",
        "import { configSchemaText } from './server/src/engine/config/config-schema.ts';",
        'export const text = configSchemaText(RULES.map((r) => r.meta));',
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // jsonc-parser's UMD build requires its parts dynamically, which cannot be bundled; its ESM build can.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  const { text } = await import(pathToFileURL(bundle).href);
  mkdirSync(dirname(out), { recursive: true });
  if (!existsSync(out) || readFileSync(out, 'utf8') !== text) {
    writeFileSync(out, text);
    console.log(`wrote ${join('schemas', 'iac-review.schema.json')}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
