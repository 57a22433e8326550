import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIFFICULTIES, parseAnswerKey } from '../../server/src/engine/exercise/answer-key.js';
import { BASE_MODULE } from '../../server/src/engine/exercise/generator/base-module.js';
import { generateExercise, writeExercise } from '../../server/src/engine/exercise/generator/generate.js';
import { MUTATION_SITES } from '../../server/src/engine/exercise/generator/mutations.js';
import { keyCoverage } from '../../server/src/engine/exercise/key-coverage.js';
import { reviewExercise } from '../../server/src/engine/exercise/review-exercise.js';
import { treeHash } from './support/tree.js';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iac-review-exercise-'));
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('exercise generator', () => {
  it('starts from a clean base module: the engine finds nothing in it', () => {
    const dir = tempDir();
    writeExercise({ files: new Map(Object.entries(BASE_MODULE)), key: { version: 1, problems: [] } }, dir);
    const review = reviewExercise(dir);
    expect(review.errors).toEqual([]);
    expect(review.findings.map((f) => `${f.ruleId} ${f.address} ${f.message}`)).toEqual([]);
    expect(review.modules).toHaveLength(1);
  });

  it('plants problems the engine finds, each inside its block, and nothing else (200 seeds)', () => {
    const failures: string[] = [];
    const operatorsSeen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const difficulty = DIFFICULTIES[seed % DIFFICULTIES.length]!;
      const exercise = generateExercise({ seed, difficulty });
      const dir = tempDir();
      writeExercise(exercise, dir);
      const key = parseAnswerKey(readFileSync(join(dir, 'answer-key.json'), 'utf8'));
      expect(key).toEqual(exercise.key);
      const counts = { junior: [8, 8], mid: [10, 12], lead: [12, 15] }[difficulty];
      expect(key.problems.length).toBeGreaterThanOrEqual(counts[0]!);
      expect(key.problems.length).toBeLessThanOrEqual(counts[1]!);
      const review = reviewExercise(dir);
      const coverage = keyCoverage(dir, key, review.findings);
      if (review.errors.length || coverage.uncovered.length || coverage.unexpected.length) {
        failures.push(
          `seed ${seed} (${difficulty}): errors ${JSON.stringify(review.errors.map((e) => e.message))}; ` +
            `not found ${JSON.stringify(coverage.uncovered.map((p) => `${p.ruleId} ${p.address} ${p.lines.join('-')}`))}; ` +
            `unexpected ${JSON.stringify(coverage.unexpected.map((f) => `${f.ruleId} ${f.address} line ${f.range.start.line}: ${f.message}`))}`,
        );
      }
      for (const p of key.problems) operatorsSeen.add(p.ruleId!);
      rmSync(dir, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
    // Over 200 seeds every rule the operators plant shows up.
    const plantable = new Set(MUTATION_SITES.map((s) => s.operator));
    expect(plantable.size).toBeGreaterThan(20);
    expect(operatorsSeen.size).toBeGreaterThanOrEqual(18);
  });

  it('is deterministic: the same seed and difficulty write byte-identical folders', () => {
    for (const [seed, difficulty] of [[7, 'mid'], [123456, 'lead'], [0, 'junior']] as const) {
      const a = tempDir();
      const b = tempDir();
      writeExercise(generateExercise({ seed, difficulty }), a);
      writeExercise(generateExercise({ seed, difficulty }), b);
      expect(treeHash(a)).toBe(treeHash(b));
    }
  });

  it('gives different seeds different exercises', () => {
    const keys = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(generateExercise({ seed, difficulty: 'mid' }).key.problems.map((p) => [p.ruleId, p.address]))));
    expect(keys.size).toBeGreaterThan(1);
  });

  it('makes harder exercises harder: lead plants lead-only problems, junior none of them', () => {
    expect(MUTATION_SITES.filter((s) => s.level === 'lead').length).toBeGreaterThanOrEqual(4);
    const rulesOf = (difficulty: 'junior' | 'lead') =>
      new Set(Array.from({ length: 20 }, (_, seed) => generateExercise({ seed, difficulty }).key.problems.map((p) => p.ruleId!)).flat());
    const leadRules = ['state/remote-backend', 'iam/not-action', 'iam/public-principal', 'iam/privileged-attachment', 'versioning/terraform-version'];
    expect(leadRules.some((r) => rulesOf('lead').has(r))).toBe(true);
    expect(leadRules.filter((r) => rulesOf('junior').has(r))).toEqual([]);
  });
});
