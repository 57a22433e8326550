/**
 * Seeded mutation fuzzing over every fixture file: the parser never throws,
 * always returns a well-formed tree, and stays fast on every input.
 * IAC_REVIEW_FUZZ_ITERATIONS raises the number of inputs (default 20,000).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { seededRandom } from '../support/hcl-generator.js';
import { rangeProblems } from './tree-checks.js';

const ITERATIONS = Number(process.env.IAC_REVIEW_FUZZ_ITERATIONS ?? 20_000);
const FIXTURES = join(import.meta.dirname, '..', '..', 'test-fixtures');

function fixtureFiles(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...fixtureFiles(p));
    else if (/\.(tf|tofu|tfvars)(\.json)?$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

const INJECTIONS = [
  '${', '%{', '}', '~}', '${~', '<<EOT\n', '<<-EOT\n', '\nEOT\n', '"', '{', '[', '(', ')', ']', '/*', '*/', '#', '//',
  '\\', '\\u12', '\r', '\r\n', '\n', '...', '::', '=>', '?', ':', '[*]', '.*', '.0', 'for ', ' if ', 'é', '東京', '🚀',
  '\ud800', '\udfff', '\u0000', '\ufeff', '\u00a0', '$${', '%%{', '%{ endif }', '%{ else }', '%{ for x in y }', '%{endfor}',
  '"${', '}"', '= =', '{\n', '\n}', 'resource "x" "y" {\n',
];

type Mutation = (text: string, rnd: () => number) => string;

const pos = (text: string, rnd: () => number): number => Math.floor(rnd() * (text.length + 1));

const MUTATIONS: Mutation[] = [
  // byte flip: replace one UTF-16 unit with a random one
  (t, r) => {
    const i = pos(t, r);
    return t.slice(0, i) + String.fromCharCode(Math.floor(r() * 0x10000)) + t.slice(i + 1);
  },
  // ASCII flip
  (t, r) => {
    const i = pos(t, r);
    return t.slice(0, i) + String.fromCharCode(32 + Math.floor(r() * 95)) + t.slice(i + 1);
  },
  // truncation
  (t, r) => t.slice(0, pos(t, r)),
  // duplicate a line
  (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  },
  // delete a line
  (t, r) => {
    const lines = t.split('\n');
    lines.splice(Math.floor(r() * lines.length), 1);
    return lines.join('\n');
  },
  // injection
  (t, r) => {
    const i = pos(t, r);
    return t.slice(0, i) + INJECTIONS[Math.floor(r() * INJECTIONS.length)]! + t.slice(i);
  },
  // delete a span
  (t, r) => {
    const i = pos(t, r);
    return t.slice(0, i) + t.slice(i + Math.floor(r() * 40));
  },
  // random astral / multi-byte characters
  (t, r) => {
    const i = pos(t, r);
    return t.slice(0, i) + String.fromCodePoint(0x80 + Math.floor(r() * 0x10ff00)) + t.slice(i);
  },
];

test(`fuzz: ${ITERATIONS} mutated fixture inputs parse without throwing, well-formed and fast`, () => {
  const files = fixtureFiles(FIXTURES).map((p) => ({ path: p, text: readFileSync(p, 'utf8').replace(/^\uFEFF/, '') }));
  expect(files.length).toBeGreaterThan(0);
  const rnd = seededRandom(20_240_601);
  const failures: string[] = [];
  let slowest = 0;
  for (let i = 0; i < ITERATIONS && failures.length < 5; i++) {
    const file = files[i % files.length]!;
    let text = file.text;
    const n = 1 + Math.floor(rnd() * 4);
    for (let m = 0; m < n; m++) text = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)]!(text, rnd);
    const started = performance.now();
    try {
      const parsed = parseSource(file.path, text);
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      if (elapsed > 1000) failures.push(`input ${i} (${file.path}) took ${elapsed.toFixed(0)} ms`);
      if (parsed.text !== text || parsed.lineStarts.length < 1) failures.push(`input ${i}: text/lineStarts not kept`);
      const problems = rangeProblems(parsed);
      if (problems.length) failures.push(`input ${i} (${file.path}): ${problems.slice(0, 3).join('; ')}\n${JSON.stringify(text.slice(0, 300))}`);
    } catch (err) {
      failures.push(`input ${i} (${file.path}) threw: ${(err as Error).stack?.slice(0, 500)}\n${JSON.stringify(text.slice(0, 300))}`);
    }
  }
  expect(failures).toEqual([]);
  expect(slowest).toBeLessThan(1000);
}, 600_000);
