// SPEC §8 integrity: the candidate's folder holds nothing that leads to the key,
// the deadline lives with the interviewer, Submit shows no score, the
// interviewer scores from outside with the key, and check/checklist stay silent.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/cli.js';
import { runExercise } from '../../server/src/cli/commands/exercise.js';
import type { CliIO } from '../../server/src/cli/io.js';
import { EXERCISE_MARKER } from '../../server/src/engine/exercise/exercise-marker.js';
import { LATE_TOLERANCE_MS, exerciseTiming, readExerciseState } from '../../server/src/engine/exercise/exercise-state.js';
import { SUBMISSION_RECEIPT } from '../../server/src/engine/exercise/submission.js';
import { answerEveryProblem } from './support/answers.js';
import { readAnswerKey } from '../../server/src/engine/exercise/exercise-folder.js';
import { tree } from './support/tree.js';
import { TestRepo } from '../support/git-repo.js';

const PACKS = join(import.meta.dirname, '..', '..', 'test-fixtures', 'exercises');
const START = new Date('2026-11-23T09:30:00Z');
const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iac-review-integrity-'));
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs `iac-review exercise …` at a given time. */
function exercise(argv: string[], cwd: string, at: Date = START) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = runExercise(argv, io, { now: () => at, packsRoot: PACKS });
  return { code, stdout, stderr };
}

/** Runs the whole command line (check, checklist). */
function cli(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

const packs = readdirSync(PACKS).sort();
const minutes = (n: number) => new Date(START.getTime() + n * 60_000);

/** Every file of a folder with its text. */
function contents(dir: string): Array<[string, string]> {
  return tree(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]);
}

describe('exercise integrity (SPEC §8)', () => {
  for (const pack of packs) {
    it(`${pack}: after start the candidate's folder holds no key, no path to the pack or key, and no per-file problem count`, () => {
      const cwd = tempDir();
      expect(exercise(['start', pack, '--out', 'cand', '--state', 'state.json'], cwd).code).toBe(0);
      const cand = join(cwd, 'cand');
      const key = readAnswerKey(join(PACKS, pack, 'answer-key.json'));
      const state = readExerciseState(join(cwd, 'state.json'));
      for (const [file, text] of contents(cand)) {
        expect(file).not.toMatch(/answer-key|INTERVIEWER/);
        // No path to the pack or the key, no pack name in the tool's own files, no fingerprint, no times.
        expect(text, file).not.toContain(PACKS);
        expect(text, file).not.toContain('answer-key');
        expect(text, file).not.toContain(state.keyFingerprint.slice(7));
        for (const p of key.problems) expect(text, `${file} quotes ${p.id}`).not.toContain(p.explanation.slice(0, 60));
      }
      // Every file but the marker is the pack's own, unchanged: nothing added that counts problems per file.
      const added = tree(cand).filter((f) => {
        try {
          return readFileSync(join(PACKS, pack, f), 'utf8') !== readFileSync(join(cand, f), 'utf8');
        } catch {
          return true;
        }
      });
      expect(added).toEqual([EXERCISE_MARKER]);
      const marker = JSON.parse(readFileSync(join(cand, EXERCISE_MARKER), 'utf8'));
      expect(Object.keys(marker).sort()).toEqual(['exercise', 'version']);
      expect(marker.exercise).not.toContain(pack);
    });
  }

  it('Submit records the time and a hash, and shows nothing about the key or a score', () => {
    const cwd = tempDir();
    exercise(['start', 'junior', '--out', 'cand', '--state', 'state.json'], cwd);
    answerEveryProblem(join(cwd, 'cand'), readAnswerKey(join(PACKS, 'junior', 'answer-key.json')));
    const r = exercise(['submit', 'cand'], cwd, minutes(25));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Submitted cand at 2026-11-23T09:55:00.000Z \(\d+ files, sha256:/);
    expect(r.stdout + r.stderr).not.toMatch(/score|found|missed|false alarm|\/ 100|answer|key|problem|late|junior/i);
    const receipt = JSON.parse(readFileSync(join(cwd, 'cand', SUBMISSION_RECEIPT), 'utf8'));
    expect(receipt).toEqual({ version: 1, exercise: expect.any(String), submittedAt: '2026-11-23T09:55:00.000Z', filesHash: expect.stringMatching(/^sha256:/), files: expect.any(Number) });
  });

  it('the interviewer scores from outside with the key and the state: on time, time used, and the formula', () => {
    const cwd = tempDir();
    exercise(['start', 'junior', '--out', 'cand', '--state', 'state.json'], cwd);
    answerEveryProblem(join(cwd, 'cand'), readAnswerKey(join(PACKS, 'junior', 'answer-key.json')));
    exercise(['submit', 'cand'], cwd, minutes(25));
    const key = join(PACKS, 'junior', 'answer-key.json');
    const json = JSON.parse(exercise(['score', 'cand', '--key', key, '--state', 'state.json', '--format', 'json'], cwd, minutes(60)).stdout);
    expect(json).toMatchObject({ version: 1, score: 100, falseAlarms: 0, foundWeight: json.totalWeight });
    expect(json.timing).toEqual({
      startedAt: '2026-11-23T09:30:00.000Z',
      deadline: '2026-11-23T10:10:00.000Z',
      durationMinutes: 40,
      submittedAt: '2026-11-23T09:55:00.000Z',
      submissionRecordedIn: 'folder',
      status: 'on-time',
      lateBySeconds: 0,
      timeUsedSeconds: 25 * 60,
      changedSinceSubmission: false,
    });
    const md = exercise(['score', 'cand', '--key', key, '--state', 'state.json'], cwd, minutes(60)).stdout;
    expect(md).toContain('Submitted 2026-11-23T09:55:00.000Z: on time; time used 25 min 00 s.');
    expect(md).toContain('## Found');
    // A found problem is listed with the comment that earned it.
    expect(md).toMatch(/- \*\*ssh-open\*\* `network\/open-ingress` .* — "network\/open-ingress: The "SSH for debugging"/);
  });

  it('a submission after the deadline is late by how much; one recorded in the state file wins over the folder’s receipt', () => {
    const cwd = tempDir();
    exercise(['start', 'junior', '--out', 'cand', '--state', 'state.json', '--duration', '0.5'], cwd);
    expect(exercise(['submit', 'cand', '--state', 'state.json'], cwd, new Date(START.getTime() + 95_000)).code).toBe(0);
    expect(readExerciseState(join(cwd, 'state.json')).submission?.submittedAt).toBe('2026-11-23T09:31:35.000Z');
    // The candidate rewrites the receipt to look on time: the state's record stands.
    const receiptPath = join(cwd, 'cand', SUBMISSION_RECEIPT);
    writeFileSync(receiptPath, readFileSync(receiptPath, 'utf8').replace('09:31:35', '09:30:10'));
    const key = join(PACKS, 'junior', 'answer-key.json');
    const json = JSON.parse(exercise(['score', 'cand', '--key', key, '--state', 'state.json', '--format', 'json'], cwd, minutes(10)).stdout);
    expect(json.timing).toMatchObject({ status: 'late', lateBySeconds: 65, submissionRecordedIn: 'state', timeUsedSeconds: 95 });
    const md = exercise(['score', 'cand', '--key', key, '--state', 'state.json'], cwd, minutes(10)).stdout;
    expect(md).toContain('**late by 1 min 05 s**');
    // Edited after the submission: the report says so.
    writeFileSync(join(cwd, 'cand', 'compute.tf'), readFileSync(join(cwd, 'cand', 'compute.tf'), 'utf8') + '\n# REVIEW: added later, hard-coded ami\n');
    const after = JSON.parse(exercise(['score', 'cand', '--key', key, '--state', 'state.json', '--format', 'json'], cwd, minutes(10)).stdout);
    expect(after.timing.changedSinceSubmission).toBe(true);
  });

  it('the time-up submission a moment after the deadline is on time; past the tolerance it is late by the whole delay', () => {
    const state = { version: 1 as const, exercise: 'e', name: 'n', folder: '/c', source: '/s', keyFingerprint: 'sha256:x', startedAt: START.toISOString(), durationMinutes: 1, deadline: minutes(1).toISOString() };
    const at = (ms: number) => ({ submittedAt: new Date(START.getTime() + 60_000 + ms).toISOString(), filesHash: 'h', files: 1 });
    expect(exerciseTiming(state, at(-1000), 'h', minutes(5))).toMatchObject({ status: 'on-time', lateBySeconds: 0, timeUsedSeconds: 59 });
    expect(exerciseTiming(state, at(LATE_TOLERANCE_MS), 'h', minutes(5))).toMatchObject({ status: 'on-time', lateBySeconds: 0 });
    expect(exerciseTiming(state, at(LATE_TOLERANCE_MS + 1000), 'h', minutes(5))).toMatchObject({ status: 'late', lateBySeconds: 6 });
    expect(exerciseTiming(state, undefined, 'h', minutes(5))).toMatchObject({ status: 'not-submitted', submittedAt: null, timeUsedSeconds: 300, changedSinceSubmission: null });
  });

  it('editing any file in the candidate’s folder cannot change the deadline', () => {
    const cwd = tempDir();
    exercise(['start', 'mid', '--out', 'cand', '--state', 'state.json', '--duration', '20'], cwd);
    const before = readExerciseState(join(cwd, 'state.json'));
    const cand = join(cwd, 'cand');
    // The candidate rewrites every file — the marker with a far later start and a long limit included — and adds their own.
    for (const f of tree(cand)) {
      const forged = { version: 1, exercise: 'mid', startedAt: '2030-01-01T00:00:00Z', durationMinutes: 10080, deadline: '2030-01-08T00:00:00Z', source: '/tmp' };
      writeFileSync(join(cand, f), f === EXERCISE_MARKER ? JSON.stringify(forged) : `# ${JSON.stringify(forged)}\n` + readFileSync(join(cand, f), 'utf8'));
    }
    writeFileSync(join(cand, '.iac-review-state.json'), JSON.stringify({ ...before, deadline: '2030-01-01T00:00:00.000Z' }));
    exercise(['submit', 'cand'], cwd, minutes(30));
    const key = join(PACKS, 'mid', 'answer-key.json');
    const json = JSON.parse(exercise(['score', 'cand', '--key', key, '--state', 'state.json', '--format', 'json'], cwd, minutes(31)).stdout);
    expect(json.timing).toMatchObject({ deadline: before.deadline, startedAt: before.startedAt, status: 'late', lateBySeconds: 600 });
    expect(readExerciseState(join(cwd, 'state.json'))).toEqual(before);
  });

  it('scoring with another exercise’s key is refused when the state is given', () => {
    const cwd = tempDir();
    exercise(['start', 'junior', '--out', 'cand', '--state', 'state.json'], cwd);
    expect(() => exercise(['score', 'cand', '--key', join(PACKS, 'mid', 'answer-key.json'), '--state', 'state.json'], cwd)).toThrow(/not the answer key junior was started with/);
  });

  it('check and checklist stay silent inside an exercise folder (and say only that), and review the same module elsewhere', () => {
    const cwd = tempDir();
    exercise(['start', 'junior', '--out', 'cand', '--state', 'state.json'], cwd);
    for (const target of ['cand', 'cand/compute.tf', '.']) {
      const check = cli(['check', target, '--format', 'json'], cwd);
      expect(check.code, target).toBe(0);
      expect(JSON.parse(check.stdout).findings, target).toEqual([]);
      expect(check.stderr, target).toMatch(/an interview exercise folder not reviewed/);
      const checklist = cli(['checklist', target, '--format', 'json'], cwd);
      expect(checklist.code).toBe(0);
      expect(JSON.parse(checklist.stdout).sections, target).toEqual([]);
      expect(checklist.stderr).toMatch(/an interview exercise folder not reviewed/);
    }
    // Run from inside the folder too.
    expect(JSON.parse(cli(['check', '--format', 'json'], join(cwd, 'cand')).stdout).findings).toEqual([]);
    // The same files without the marker: reviewed as usual.
    const copy = join(cwd, 'copy');
    cpSync(join(cwd, 'cand'), copy, { recursive: true });
    rmSync(join(copy, EXERCISE_MARKER));
    const plain = cli(['check', 'copy', '--format', 'json'], cwd);
    expect(plain.code).toBe(1);
    expect(JSON.parse(plain.stdout).findings.length).toBeGreaterThan(0);
    expect(plain.stderr).not.toMatch(/exercise/);
    expect(JSON.parse(cli(['checklist', 'copy', '--format', 'json'], cwd).stdout).sections.length).toBeGreaterThan(0);
  });

  // A hostile pull request: a marker must not hide what the change introduces from the gate (`check --base`).
  it('a change review is not silenced by an exercise marker, even one the change adds', () => {
    const repo = repoIn(join(tempDir(), 'repo'));
    repo.write({ 'main.tf': 'terraform {\n  required_version = "~> 1.9"\n}\n' }).commit('base');
    repo.write({ [EXERCISE_MARKER]: JSON.stringify({ version: 2, exercise: 'exercise-0123456789abcdef' }), 'db.tf': 'resource "aws_db_instance" "orders" {\n  publicly_accessible = true\n}\n' });
    const plain = cli(['check', '.', '--format', 'json'], repo.root);
    expect(JSON.parse(plain.stdout).findings).toEqual([]); // without --base: an exercise folder, silent
    const gate = cli(['check', '.', '--base', 'HEAD', '--format', 'json'], repo.root);
    expect(gate.code).toBe(1);
    expect(JSON.parse(gate.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('network/public-database');
    expect(gate.stderr).toMatch(/reviewed all the same/);
    const checklist = cli(['checklist', '.', '--base', 'HEAD', '--format', 'json'], repo.root);
    expect(JSON.parse(checklist.stdout).sections.length).toBeGreaterThan(0);
    expect(checklist.stderr).toMatch(/reviewed all the same/);
  });

  it('a marker above the workspace (outside the repository) silences nothing and is not read', () => {
    const outer = tempDir();
    writeFileSync(join(outer, EXERCISE_MARKER), JSON.stringify({ version: 2, exercise: 'exercise-0123456789abcdef' }));
    const repo = repoIn(join(outer, 'repo'));
    repo.write({ 'db.tf': 'resource "aws_db_instance" "orders" {\n  publicly_accessible = true\n}\n' }).commit('base');
    const check = cli(['check', '.', '--format', 'json'], repo.root);
    expect(JSON.parse(check.stdout).findings.length).toBeGreaterThan(0);
    expect(check.stderr).not.toMatch(/exercise/);
  });
});

/** A new git repository at `dir`. */
function repoIn(dir: string): TestRepo {
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  return new TestRepo(dir);
}
