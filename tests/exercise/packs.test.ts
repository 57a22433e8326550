import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reviewChange } from '../../server/src/engine/change/review-change.js';
import { parseAnswerKey } from '../../server/src/engine/exercise/answer-key.js';
import { locateBlock } from '../../server/src/engine/exercise/block-locator.js';
import { readExerciseSources } from '../../server/src/engine/exercise/exercise-files.js';
import { NodeFileHost } from '../../server/src/engine/host.js';
import { keyCoverage } from '../../server/src/engine/exercise/key-coverage.js';
import { reviewExercise } from '../../server/src/engine/exercise/review-exercise.js';
import { scoreExercise } from '../../server/src/engine/exercise/score.js';
import { startExercise } from '../../server/src/engine/exercise/exercise-folder.js';
import { TestRepo } from '../support/git-repo.js';
import { answerEveryProblem } from './support/answers.js';

const PACKS = join(import.meta.dirname, '..', '..', 'test-fixtures', 'exercises');
const NOW = new Date('2026-11-23T12:00:00Z');

/**
 * Engine findings a pack may have beyond its key, each with the reason it is
 * not a planted problem: `<pack>` → `<ruleId> <address>` → reason. Empty: every
 * finding in every pack is in its key.
 */
const ACCEPTED_EXTRAS: Record<string, Record<string, string>> = {};

const packNames = readdirSync(PACKS).filter((n) => statSync(join(PACKS, n)).isDirectory()).sort();
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('exercise packs', () => {
  it('ship at least junior, mid and lead', () => {
    expect(packNames).toEqual(expect.arrayContaining(['junior', 'mid', 'lead']));
  });

  for (const name of packNames) {
    describe(name, () => {
      const dir = join(PACKS, name);
      const key = parseAnswerKey(readFileSync(join(dir, 'answer-key.json'), 'utf8'));

      it('has a key of 8–20 problems with unique ids and the pack’s difficulty', () => {
        expect(key.problems.length).toBeGreaterThanOrEqual(8);
        expect(key.problems.length).toBeLessThanOrEqual(20);
        expect(key.difficulty).toBe(name);
        expect(new Set(key.problems.map((p) => p.category)).size).toBeGreaterThanOrEqual(5);
      });

      it('gives each problem the lines of its block in the unedited pack', () => {
        const sources = readExerciseSources(dir, new NodeFileHost(dir));
        for (const p of key.problems) {
          const at = locateBlock(sources.files, p.address, sources.byRelativePath(p.file));
          expect(at && [sources.relativePath(at.file), at.startLine, at.endLine], p.id).toEqual([p.file, ...p.lines]);
        }
      });

      it('is fully found by the engine, inside each problem’s block, with nothing outside the key', () => {
        const review = reviewExercise(dir, { now: NOW });
        expect(review.errors).toEqual([]);
        const coverage = keyCoverage(dir, key, review.findings);
        expect(coverage.uncovered.map((p) => `${p.id} ${p.ruleId ?? p.category} ${p.address}`)).toEqual([]);
        const accepted = ACCEPTED_EXTRAS[name] ?? {};
        const unexplained = coverage.unexpected.filter((f) => !(`${f.ruleId} ${f.address}` in accepted));
        expect(unexplained.map((f) => `${f.ruleId} ${f.address} line ${f.range.start.line}: ${f.message}`)).toEqual([]);
      });

      it('scores 100 for a candidate who names every problem, 0 for an untouched copy', () => {
        const out = mkdtempSync(join(tmpdir(), `iac-review-pack-${name}-`));
        temps.push(out);
        rmSync(out, { recursive: true });
        startExercise({ pack: dir, out, startedAt: NOW });
        expect(scoreExercise(out, key)).toMatchObject({ score: 0, found: 0, falseAlarms: 0 });
        answerEveryProblem(out, key);
        const score = scoreExercise(out, key);
        expect(score.problems.filter((p) => !p.found).map((p) => p.id)).toEqual([]);
        expect(score).toMatchObject({ score: 100, falseAlarms: 0 });
      });
    });
  }

  it('the lead pack plants change-safety problems: a rename without moved, a replaced database, a backend without locking', () => {
    const key = parseAnswerKey(readFileSync(join(PACKS, 'lead', 'answer-key.json'), 'utf8'));
    expect(key.problems.map((p) => p.ruleId)).toEqual(
      expect.arrayContaining(['refactor/missing-moved-block', 'refactor/forced-replacement', 'state/remote-backend']),
    );
  });

  it('the lead pack’s change is what diff mode sees in a real repository: base/ committed, then the exercise on top', () => {
    const lead = join(PACKS, 'lead');
    const repo = new TestRepo();
    temps.push(repo.root);
    const moduleFiles = (from: string) => readdirSync(from).filter((n) => n.endsWith('.tf'));
    for (const f of moduleFiles(join(lead, 'base'))) cpSync(join(lead, 'base', f), join(repo.root, f));
    repo.commit('before PR #482');
    repo.branch('pr-482');
    for (const f of moduleFiles(join(repo.root))) rmSync(join(repo.root, f));
    for (const f of moduleFiles(lead)) cpSync(join(lead, f), join(repo.root, f));
    repo.commit('PR #482');
    const review = reviewChange({ cwd: repo.root, base: 'main', now: NOW });
    const introduced = [...review.introduced].map((f) => `${f.ruleId} ${f.address}`);
    expect(introduced).toEqual(
      expect.arrayContaining([
        'refactor/missing-moved-block aws_s3_bucket.invoice_archive',
        'refactor/forced-replacement aws_db_instance.orders',
        'state/remote-backend undefined',
      ]),
    );
  });
});
