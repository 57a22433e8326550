/**
 * Seeded mutation fuzzing over every fixture file: the parser never throws,
 * always returns a well-formed tree, and stays fast on every input.
 * IAC_REVIEW_FUZZ_ITERATIONS raises the number of inputs (default 20,000).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { seededRandom } from '../support/hcl-generator.js';
import { rangeProblems } from './tree-checks.js';
import { MUTATIONS, fixtureFiles } from '../support/hcl-mutations.js';

const ITERATIONS = Number(process.env.IAC_REVIEW_FUZZ_ITERATIONS ?? 20_000);
const FIXTURES = join(import.meta.dirname, '..', '..', 'test-fixtures');

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
