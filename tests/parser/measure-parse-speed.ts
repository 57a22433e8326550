/**
 * Parse-speed check (not a test), run from the repository root: `npx esbuild tests/parser/measure-parse-speed.ts --bundle
 * --platform=node --format=esm --main-fields=module,main --external:@cdktf/hcl2json --outfile=.speed.mjs && node .speed.mjs`.
 * Reports MB/s over the fixture files (typical Terraform) and generated files,
 * and hcl2json's time on the fixtures for comparison.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { HclGenerator } from '../support/hcl-generator.js';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(tf|tofu|tfvars)$/.test(e.name)) out.push(p);
  }
  return out;
}

function measure(label: string, corpus: Array<{ path: string; text: string }>, rounds: number): void {
  const bytes = corpus.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  for (const f of corpus) parseSource(f.path, f.text); // warm up
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const f of corpus) parseSource(f.path, f.text);
  const ms = performance.now() - started;
  const mb = (bytes * rounds) / 1e6;
  console.log(`${label}: ${corpus.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${(ms / rounds).toFixed(2)} ms per pass, ${(mb / (ms / 1000)).toFixed(1)} MB/s, ${((ms / rounds) / corpus.length).toFixed(3)} ms per file`);
}

const root = process.cwd();
const fixtures = files(join(root, 'test-fixtures')).map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
measure('fixtures', fixtures, Number(process.env.ROUNDS ?? 200));
const generated = Array.from({ length: 500 }, (_, i) => ({ path: '/g/main.tf', text: new HclGenerator(i + 1).file() }));
measure('generated', generated, 20);

const started = performance.now();
for (const f of fixtures) {
  try {
    await hcl2json('main.tf', f.text);
  } catch {
    // errors count as parsed for timing
  }
}
const ms = performance.now() - started;
console.log(`hcl2json on fixtures: ${ms.toFixed(0)} ms, ${(ms / fixtures.length).toFixed(2)} ms per file`);
