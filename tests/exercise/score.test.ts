import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnswerKey, KeyProblem } from '../../server/src/engine/exercise/answer-key.js';
import { generateExercise, writeExercise } from '../../server/src/engine/exercise/generator/generate.js';
import { scoreExercise } from '../../server/src/engine/exercise/score.js';
import { answerEveryProblem, insertLines } from './support/answers.js';

const temps: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iac-review-score-'));
  temps.push(dir);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const MAIN = `resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = true
  storage_encrypted   = false
}
`;

function problem(id: string, over: Partial<KeyProblem> & Pick<KeyProblem, 'category' | 'address' | 'lines'>): KeyProblem {
  return { id, file: 'main.tf', explanation: `explanation of ${id}`, refactor: `refactor for ${id}`, weight: 1, ...over };
}

const KEY: AnswerKey = {
  version: 1,
  problems: [
    problem('p1', { ruleId: 'iam/wildcard-action', category: 'iam', address: 'aws_iam_policy.deploy', lines: [1, 10], weight: 3 }),
    problem('p2', { ruleId: 'network/public-database', category: 'network', address: 'aws_db_instance.orders', lines: [12, 18], weight: 2 }),
    problem('p3', { ruleId: 'encryption/at-rest', category: 'encryption', address: 'aws_db_instance.orders', lines: [12, 18], weight: 1 }),
  ],
};

/** MAIN with comment lines inserted before the given 1-based lines of the original. */
function withComments(inserts: Record<number, string[]>): string {
  return insertLines(MAIN, inserts);
}

describe('exercise scoring', () => {
  it('scores an answer that names every problem in its block 100', () => {
    const dir = folder({
      'main.tf': withComments({
        1: ['# REVIEW: Action "*" is a wildcard — grant least privilege'],
        16: ['  # REVIEW: publicly accessible database, exposed to the internet'],
        17: ['  // REVIEW: storage is not encrypted at rest'],
      }),
    });
    const score = scoreExercise(dir, KEY);
    expect(score).toMatchObject({ version: 1, score: 100, found: 3, missed: 0, falseAlarms: 0 });
    expect(score.problems.map((p) => [p.id, p.found])).toEqual([['p1', true], ['p2', true], ['p3', true]]);
    expect(score.problems[0]!.comment).toBe('Action "*" is a wildcard — grant least privilege');
    expect(score.byCategory).toEqual({ encryption: { found: 1, missed: 0 }, iam: { found: 1, missed: 0 }, network: { found: 1, missed: 0 } });
  });

  it('scores an untouched exercise 0, with every miss explained', () => {
    const score = scoreExercise(folder({ 'main.tf': MAIN }), KEY);
    expect(score).toMatchObject({ score: 0, found: 0, missed: 3, falseAlarms: 0 });
    expect(score.problems.every((p) => !p.found && p.comment === null && p.explanation && p.refactor)).toBe(true);
  });

  it('does not count a comment on the right lines whose words name another category', () => {
    const dir = folder({ 'main.tf': withComments({ 6: ['      # REVIEW: this needs an Owner tag'] }) });
    const score = scoreExercise(dir, KEY);
    expect(score.problems.find((p) => p.id === 'p1')!.found).toBe(false);
    expect(score.falseAlarms).toBe(1);
    expect(score.falseAlarmComments[0]).toMatchObject({ file: 'main.tf', line: 6, text: 'this needs an Owner tag' });
  });

  it('counts a problem once however many comments name it', () => {
    const dir = folder({
      'main.tf': withComments({ 1: ['# REVIEW: wildcard action'], 6: ['      # REVIEW: wildcard again, least privilege'], 7: ['      # REVIEW: "*" everywhere'] }),
    });
    const score = scoreExercise(dir, KEY);
    expect(score).toMatchObject({ found: 1, missed: 2, falseAlarms: 0 });
    expect(score.duplicateComments).toHaveLength(2);
    expect(score.score).toBe(50); // 3 of 6
  });

  it('attributes one comment that names two problems of one block to one of them only', () => {
    const dir = folder({ 'main.tf': withComments({ 12: ['# REVIEW: public and unencrypted database'] }) });
    const score = scoreExercise(dir, KEY);
    expect(score.found).toBe(1);
    // The heavier problem gets it: public (weight 2) over encryption (weight 1).
    expect(score.problems.filter((p) => p.found).map((p) => p.id)).toEqual(['p2']);
    expect(score.score).toBe(33);
  });

  it('attributes a comment between two blocks only to the block it is directly above', () => {
    // After the blank line that ends the policy: directly above the database, not inside the policy.
    const dir = folder({ 'main.tf': withComments({ 12: ['# REVIEW: wildcard "*" and public database'] }) });
    const score = scoreExercise(dir, KEY);
    expect(score.problems.filter((p) => p.found).map((p) => p.id)).toEqual(['p2']);
  });

  it('does not count a comment separated from the block by a blank line, or outside every block', () => {
    const dir = folder({ 'main.tf': `# REVIEW: the database is public\n\n${MAIN}# REVIEW: everything is unencrypted\n` });
    const score = scoreExercise(dir, KEY);
    expect(score).toMatchObject({ found: 0, falseAlarms: 2 });
  });

  it('finds blocks where the candidate edited them: added lines never shift the key', () => {
    const padding = Array.from({ length: 25 }, (_, i) => `# note ${i}`);
    const dir = folder({ 'main.tf': withComments({ 1: padding, 12: ['/* REVIEW: this database is', '   publicly accessible */'] }) });
    const score = scoreExercise(dir, KEY);
    expect(score.problems.find((p) => p.id === 'p2')).toMatchObject({ found: true, comment: 'this database is publicly accessible', block: { lines: [39, 45] } });
  });

  it('joins continuation lines of a REVIEW comment', () => {
    const dir = folder({ 'main.tf': withComments({ 17: ['  # REVIEW: turn this on:', '  # encrypt at rest with the KMS key'] }) });
    expect(scoreExercise(dir, KEY).problems.find((p) => p.id === 'p3')).toMatchObject({ found: true, comment: 'turn this on: encrypt at rest with the KMS key' });
  });

  it('weights the score: found weight over total weight', () => {
    const key: AnswerKey = { ...KEY, problems: KEY.problems.map((p, i) => ({ ...p, weight: [5, 3, 2][i]! })) };
    const dir = folder({ 'main.tf': withComments({ 16: ['  # REVIEW: public endpoint'], 17: ['  # REVIEW: unencrypted storage'] }) });
    expect(scoreExercise(dir, key).score).toBe(50); // (3 + 2) / 10
    const dir2 = folder({ 'main.tf': withComments({ 1: ['# REVIEW: admin via wildcard'] }) });
    expect(scoreExercise(dir2, key).score).toBe(50); // 5 / 10
  });

  it('counts REVIEW comments in other files of the folder as false alarms', () => {
    const dir = folder({ 'main.tf': MAIN, 'extra.tf': '# REVIEW: nothing wrong here really\nlocals {}\n' });
    expect(scoreExercise(dir, KEY)).toMatchObject({ falseAlarms: 1, found: 0 });
  });

  it('scores a generated exercise answered in full 100, and each problem alone its own weight', () => {
    for (const [seed, difficulty] of [[3, 'junior'], [4, 'mid'], [5, 'lead']] as const) {
      const exercise = generateExercise({ seed, difficulty });
      const dir = mkdtempSync(join(tmpdir(), 'iac-review-score-gen-'));
      temps.push(dir);
      writeExercise(exercise, dir);
      answerEveryProblem(dir, exercise.key);
      const score = scoreExercise(dir, exercise.key);
      expect(score.problems.filter((p) => !p.found).map((p) => `${p.id} ${p.ruleId}`)).toEqual([]);
      expect(score).toMatchObject({ score: 100, falseAlarms: 0 });
      expect(readFileSync(join(dir, 'answer-key.json'), 'utf8')).toContain('"version": 1');
    }
  });
});
