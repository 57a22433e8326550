// The matching figures of `npm run bench`: the worst time of one generated
// adversarial input (tests/security/matching-inputs.ts) against the IAM action
// index, long action names and long identifiers (target under 50 ms each).
// The engine's matchers are bundled from the sources (dist/engine.mjs exports
// only the review), each case is timed three times and its best run kept (so a
// garbage collection does not count), and the worst case is reported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_MS = 50;
const RUNS = 3;

const entry = `
export { ActionIndex } from './server/src/engine/iam/action-index.ts';
export { compileWildcard, wildcardCovers } from './server/src/engine/iam/wildcard.ts';
export { compileUserPattern, MAX_MATCHED_TEXT } from './server/src/engine/config/user-pattern.ts';
export { adversarialActionPatterns, longActionTexts, CATASTROPHIC_USER_PATTERNS, craftedTexts } from './tests/security/matching-inputs.ts';
export { default as indexData } from './server/src/engine/iam/iam-index.generated.json';
`;
const out = mkdtempSync(join(tmpdir(), 'iac-review-bench-matching-'));
const outfile = join(out, 'matching.mjs');
await esbuild.build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  mainFields: ['module', 'main'],
  outfile,
  logLevel: 'warning',
});
const m = await import(pathToFileURL(outfile).href);
rmSync(out, { recursive: true, force: true });

/** The best of RUNS timings of `run(i)` (i: the run number). */
function best(run) {
  let ms = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run(i);
    ms = Math.min(ms, performance.now() - started);
  }
  return ms;
}

/** The worst case of `cases`, each timed by best(). */
function worst(cases, time) {
  let result = { ms: 0, label: '' };
  for (const c of cases) {
    const ms = time(c);
    if (ms > result.ms) result = { ms, label: c.label ?? String(c) };
  }
  return result;
}

const patterns = m.adversarialActionPatterns();
// One index per run, every service decoded beforehand: what is timed is matching, not decoding or the match cache.
const indexes = Array.from({ length: RUNS }, () => {
  const index = new m.ActionIndex(m.indexData);
  for (const service of index.services()) index.actionsOf(service);
  return index;
});
const texts = m.longActionTexts();
const pairs = patterns.slice(0, 120);
const identifiers = m.craftedTexts(m.MAX_MATCHED_TEXT);
const userPatterns = m.CATASTROPHIC_USER_PATTERNS.map((source) => {
  const compiled = m.compileUserPattern(source);
  if (!compiled.ok) throw new Error(`${source}: ${compiled.error}`);
  return compiled.pattern;
});

const short = (text) => (text.length > 40 ? `${text.slice(0, 37)}…` : text);
const rows = [
  [`IAM patterns vs the action index (${patterns.length} patterns)`, worst(patterns, (p) => best((i) => indexes[i].match(p)))],
  [
    `IAM patterns vs long action names (${patterns.length} × ${texts.length})`,
    worst(patterns, (p) => {
      const matches = m.compileWildcard(p);
      return best(() => texts.forEach((t) => matches(t)));
    }),
  ],
  [
    `IAM pattern covers pattern (${pairs.length} × ${pairs.length} pairs)`,
    worst(
      pairs.flatMap((g) => pairs.map((s) => ({ g, s, label: `${short(g)} ⊇ ${short(s)}` }))),
      ({ g, s }) => best(() => m.wildcardCovers(g, s)),
    ),
  ],
  [
    `user regexes (RE2) vs ${m.MAX_MATCHED_TEXT}-character identifiers (${userPatterns.length} × ${identifiers.length})`,
    worst(
      userPatterns.flatMap((p) => identifiers.map((t) => ({ p, t, label: `${p.source} on ${short(t)}` }))),
      ({ p, t }) => best(() => (p.test(t), p.testWhole(t))),
    ),
  ],
];

console.log(`matching: worst single adversarial case, best of ${RUNS} runs each (target < ${TARGET_MS} ms each)`);
let met = true;
for (const [label, { ms, label: which }] of rows) {
  const ok = ms < TARGET_MS;
  met &&= ok;
  console.log(`  ${label.padEnd(66)} ${ms.toFixed(1).padStart(7)} ms  ${ok ? 'MET' : 'NOT MET'}   (worst: ${short(which)})`);
}
if (process.env.BENCH_STRICT && !met) process.exitCode = 1;
