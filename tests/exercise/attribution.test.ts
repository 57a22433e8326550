import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIFFICULTIES, type AnswerKey, type KeyProblem } from '../../server/src/engine/exercise/answer-key.js';
import { attribute, type AttributionEdge } from '../../server/src/engine/exercise/attribution.js';
import { readAnswerKey } from '../../server/src/engine/exercise/exercise-folder.js';
import { generateExercise, writeExercise } from '../../server/src/engine/exercise/generator/generate.js';
import { SeededRandom } from '../../server/src/engine/exercise/generator/prng.js';
import { scoreExercise } from '../../server/src/engine/exercise/score.js';
import { deriveSubjects, namesSubject, problemSubjects } from '../../server/src/engine/exercise/subjects.js';
import { answerEveryProblem, insertLines, modelAnswer } from './support/answers.js';

const PACKS = join(import.meta.dirname, '..', '..', 'test-fixtures', 'exercises');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A copy of the mid pack (its policy holds an sqs and a dynamodb problem in one block) with comments inserted in function.tf. */
function midWith(inserts: Record<number, string[]>): { dir: string; key: AnswerKey } {
  const dir = tempDir('iac-review-attr-mid-');
  cpSync(join(PACKS, 'mid'), dir, { recursive: true });
  const key = readAnswerKey(join(dir, 'answer-key.json'));
  const path = join(dir, 'function.tf');
  writeFileSync(path, insertLines(readFileSync(path, 'utf8'), inserts));
  return { dir, key };
}

const policyLine = (key: AnswerKey) => key.problems.find((p) => p.id === 'sqs-star')!.lines[0];
const found = (dir: string, key: AnswerKey) =>
  Object.fromEntries(scoreExercise(dir, key).problems.filter((p) => p.found).map((p) => [p.id, p.comment]));

describe('fair attribution (SPEC §8)', () => {
  const mid = readAnswerKey(join(PACKS, 'mid', 'answer-key.json'));
  const line = policyLine(mid);

  it('credits each of two comments in one block to the problem it names, whatever their order (the swapped-comments case)', () => {
    for (const order of [0, 1]) {
      const comments = ['# REVIEW: sqs:* is far too broad, the worker only consumes', '# REVIEW: dynamodb writes on Resource * reach every table'];
      const { dir, key } = midWith({ [line]: order ? comments.reverse() : comments });
      const credited = found(dir, key);
      expect(credited['sqs-star']).toMatch(/^sqs/);
      expect(credited['dynamodb-any-table']).toMatch(/^dynamodb/);
    }
  });

  it('credits comments inside the block (not only above it) by what they name', () => {
    const { dir, key } = midWith({ [line + 6]: ['    # REVIEW: too broad: PutItem and UpdateItem on any table'], [line + 3]: ['    # REVIEW: wildcard SQS action, purge and delete included'] });
    const credited = found(dir, key);
    expect(credited['dynamodb-any-table']).toContain('PutItem');
    expect(credited['sqs-star']).toContain('SQS');
  });

  it('gives two identical generic comments in a block with two same-category problems neither problem', () => {
    const { dir, key } = midWith({ [line]: ['# REVIEW: too broad', '# REVIEW: too broad'] });
    const score = scoreExercise(dir, key);
    expect(score.problems.filter((p) => p.found)).toEqual([]);
    expect(score.falseAlarmComments.map((c) => c.text)).toEqual(['too broad', 'too broad']);
  });

  it('credits a comment that names only the neighbour’s subject to the neighbour, never to the problem it sits on', () => {
    const onlySqs = midWith({ [line]: ['# REVIEW: sqs:* is too broad'] });
    expect(Object.keys(found(onlySqs.dir, onlySqs.key))).toEqual(['sqs-star']);
    const onlyDynamo = midWith({ [line]: ['# REVIEW: DynamoDB PutItem on Resource * is too broad'] });
    expect(Object.keys(found(onlyDynamo.dir, onlyDynamo.key))).toEqual(['dynamodb-any-table']);
    // Two comments both about sqs: one credits sqs, the other is a repeat — the dynamodb problem stays missed.
    const twice = midWith({ [line]: ['# REVIEW: sqs:* too broad', '# REVIEW: sqs wildcard, least privilege please'] });
    const score = scoreExercise(twice.dir, twice.key);
    expect(score.problems.filter((p) => p.found).map((p) => p.id)).toEqual(['sqs-star']);
    expect(score.duplicateComments).toHaveLength(1);
  });

  it('one comment that names both problems credits one of them; the other needs its own comment', () => {
    const { dir, key } = midWith({ [line]: ['# REVIEW: sqs:* and dynamodb on * are both too broad'] });
    expect(Object.keys(found(dir, key))).toHaveLength(1);
  });

  it('does not ask for a subject where problems of one block have different categories', () => {
    const dir = tempDir('iac-review-attr-cat-');
    writeFileSync(join(dir, 'main.tf'), 'resource "aws_db_instance" "orders" {\n  publicly_accessible = true\n  storage_encrypted   = false\n}\n');
    const key: AnswerKey = {
      version: 1,
      problems: [
        { id: 'pub', ruleId: 'network/public-database', category: 'network', file: 'main.tf', address: 'aws_db_instance.orders', lines: [1, 4], explanation: 'publicly_accessible = true', refactor: 'r', weight: 1 },
        { id: 'enc', ruleId: 'encryption/at-rest', category: 'encryption', file: 'main.tf', address: 'aws_db_instance.orders', lines: [1, 4], explanation: 'storage_encrypted = false', refactor: 'r', weight: 1 },
      ],
    };
    writeFileSync(join(dir, 'main.tf'), '# REVIEW: exposed to the internet\n# REVIEW: not encrypted\n' + readFileSync(join(dir, 'main.tf'), 'utf8'));
    expect(scoreExercise(dir, key)).toMatchObject({ score: 100, falseAlarms: 0 });
  });

  it('uses the key’s own subjects when it lists them', () => {
    const dir = tempDir('iac-review-attr-own-');
    writeFileSync(join(dir, 'main.tf'), '# REVIEW: ingress open to the world on the admin port\nresource "aws_security_group" "web" {\n}\n');
    const problem = (id: string, subjects: string[]): KeyProblem => ({
      id, ruleId: 'network/open-ingress', category: 'network', file: 'main.tf', address: 'aws_security_group.web', lines: [1, 2], explanation: 'Port 22 and port 3389 are open.', refactor: 'r', weight: 1, subjects,
    });
    const key: AnswerKey = { version: 1, problems: [problem('ssh', ['ssh', '22']), problem('admin', ['admin port', '3389'])] };
    expect(scoreExercise(dir, key).problems.filter((p) => p.found).map((p) => p.id)).toEqual(['admin']);
  });

  it('where the key cannot tell two problems apart, a comment naming one of their subjects credits one of them; a generic one neither', () => {
    const dir = tempDir('iac-review-attr-same-');
    const main = 'resource "aws_security_group" "web" {\n}\n';
    const problem = (id: string): KeyProblem => ({
      id, ruleId: 'network/open-ingress', category: 'network', file: 'main.tf', address: 'aws_security_group.web', lines: [1, 2], explanation: 'Open to 0.0.0.0/0.', refactor: 'r', weight: 1, subjects: ['open-ingress'],
    });
    const key: AnswerKey = { version: 1, problems: [problem('a'), problem('b')] };
    writeFileSync(join(dir, 'main.tf'), '# REVIEW: open to the internet\n' + main);
    expect(scoreExercise(dir, key).found).toBe(0);
    writeFileSync(join(dir, 'main.tf'), '# REVIEW: open ingress from the internet\n# REVIEW: open-ingress again, 0.0.0.0/0\n' + main);
    expect(scoreExercise(dir, key)).toMatchObject({ found: 2, falseAlarms: 0 });
  });

  it('scores 200 generated exercises answered from each problem’s rule and explanation (not its subjects) 100', () => {
    for (let seed = 0; seed < 200; seed++) {
      const difficulty = DIFFICULTIES[seed % 3]!;
      const exercise = generateExercise({ seed: seed * 7919 + 11, difficulty });
      const dir = tempDir('iac-review-attr-gen-');
      writeExercise(exercise, dir);
      answerEveryProblem(dir, exercise.key);
      const score = scoreExercise(dir, exercise.key);
      const missed = score.problems.filter((p) => !p.found).map((p) => `seed ${seed} ${difficulty}: ${p.id} ${p.ruleId}`);
      expect(missed).toEqual([]);
      expect(score).toMatchObject({ score: 100, falseAlarms: 0 });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('generated exercises list subjects their own explanation uses, and plant same-block same-category problems apart', () => {
    let shared = 0;
    for (let seed = 0; seed < 200; seed++) {
      const { key } = generateExercise({ seed, difficulty: DIFFICULTIES[seed % 3]! });
      for (const p of key.problems) {
        expect(p.subjects?.length, `${p.id} ${p.ruleId}`).toBeGreaterThan(0);
        expect(p.subjects!.some((s) => namesSubject(modelAnswer(p), s)), `${p.ruleId}: ${p.explanation}`).toBe(true);
        const siblings = key.problems.filter((o) => o !== p && o.address === p.address && o.category === p.category);
        shared += siblings.length;
        // Each sibling's answer names none of this problem's subjects that the sibling lacks... at least one of its own is its alone.
        for (const o of siblings) expect(p.subjects!.some((s) => !o.subjects!.includes(s)), `${p.id} vs ${o.id}`).toBe(true);
      }
    }
    // The property is exercised: some generated exercises do put two problems of one category in one block.
    expect(shared).toBeGreaterThan(0);
  });
});

describe('subjects', () => {
  it('derives them from the rule name, the block name and what the explanation quotes', () => {
    const subjects = deriveSubjects({
      ruleId: 'iam/wildcard-resource',
      address: 'aws_iam_role_policy.worker',
      explanation: 'PutItem/UpdateItem on Resource "*" reach every DynamoDB table; "s3:GetObject" too, port 5432 and publicly_accessible.',
    });
    expect(subjects).toEqual(expect.arrayContaining(['wildcard-resource', 'worker', 'putitem', 'updateitem', 'dynamodb', 's3', 's3:getobject', 'getobject', '5432', 'publicly_accessible']));
    expect(subjects).not.toContain('resource');
  });

  it('matches whole words, with spaces, _ and - alike, and stems', () => {
    expect(namesSubject('sqs:* is too broad', 'sqs')).toBe(true);
    expect(namesSubject('the sqsx queue', 'sqs')).toBe(false);
    expect(namesSubject('no deletion protection', 'deletion_protection')).toBe(true);
    expect(namesSubject('port 2222', '22')).toBe(false);
    expect(namesSubject('backups are off', 'backup*')).toBe(true);
  });

  it('prefers the key’s list over derivation', () => {
    expect(problemSubjects({ address: 'x.y', explanation: 'sqs:*', subjects: ['Queue'] })).toEqual(['queue']);
  });
});

describe('attribute (maximum-value matching)', () => {
  /** Exhaustive best value for small instances: [weight, matches], lexicographic. */
  function brute(problems: number, comments: number, edges: AttributionEdge[]): [number, number] {
    let best: [number, number] = [0, 0];
    const walk = (p: number, used: Set<number>, acc: [number, number]) => {
      if (p === problems) {
        if (acc[0] > best[0] + 1e-9 || (Math.abs(acc[0] - best[0]) <= 1e-9 && acc[1] > best[1])) best = acc;
        return;
      }
      walk(p + 1, used, acc);
      for (const e of edges.filter((x) => x.problem === p && !used.has(x.comment))) {
        walk(p + 1, new Set([...used, e.comment]), [acc[0] + e.weight, acc[1] + e.matches]);
      }
    };
    walk(0, new Set(), [0, 0]);
    return best;
  }

  it('finds the best attribution (weight, then subjects named) on 300 random small instances', () => {
    const rng = new SeededRandom(20261204);
    for (let round = 0; round < 300; round++) {
      const problems = rng.int(1, 6);
      const comments = rng.int(1, 6);
      const weights = Array.from({ length: problems }, () => rng.pick([1, 2, 3, 0.5]));
      const edges: AttributionEdge[] = [];
      for (let p = 0; p < problems; p++) {
        for (let c = 0; c < comments; c++) if (rng.next() < 0.45) edges.push({ problem: p, comment: c, weight: weights[p]!, matches: rng.int(0, 3) });
      }
      const credited = attribute(problems, comments, edges);
      const usedComments = credited.filter((c) => c !== undefined);
      expect(new Set(usedComments).size).toBe(usedComments.length);
      let value: [number, number] = [0, 0];
      credited.forEach((c, p) => {
        if (c === undefined) return;
        const e = edges.find((x) => x.problem === p && x.comment === c);
        expect(e).toBeDefined();
        value = [value[0] + e!.weight, value[1] + e!.matches];
      });
      const best = brute(problems, comments, edges);
      expect(value[0]).toBeCloseTo(best[0], 9);
      expect(value[1]).toBe(best[1]);
    }
  });

  it('stays fast on a large instance (polynomial, not exponential)', () => {
    const edges: AttributionEdge[] = [];
    for (let p = 0; p < 60; p++) for (let c = 0; c < 60; c++) edges.push({ problem: p, comment: c, weight: 1 + (p % 3), matches: (p * c) % 4 });
    const started = performance.now();
    const credited = attribute(60, 60, edges);
    expect(credited.filter((c) => c !== undefined)).toHaveLength(60);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
