import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/cli.js';
import { runExercise, type ExerciseDependencies } from '../../server/src/cli/commands/exercise.js';
import type { CliIO } from '../../server/src/cli/io.js';
import { EXERCISE_MARKER, isExerciseFolder, readExerciseMarker } from '../../server/src/engine/exercise/exercise-marker.js';
import { readExerciseState } from '../../server/src/engine/exercise/exercise-state.js';
import { ANSWER_WORDS } from './support/answers.js';
import { tree, treeHash } from './support/tree.js';

const PACKS = join(import.meta.dirname, '..', '..', 'test-fixtures', 'exercises');
const NOW = new Date('2026-11-23T09:30:00Z');
const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iac-review-exercise-cli-'));
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function run(argv: string[], cwd: string, deps: Partial<ExerciseDependencies> = { now: () => NOW, packsRoot: PACKS }) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = runExercise(argv, io, deps);
  return { code, stdout, stderr };
}

describe('iac-review exercise', () => {
  it('list shows the shipped packs with difficulty and problem count', () => {
    const r = run(['list', '--format', 'json'], tempDir());
    expect(r.code).toBe(0);
    const packs = JSON.parse(r.stdout).packs as Array<{ name: string; difficulty: string; problems: number }>;
    expect(packs.map((p) => p.name)).toEqual(expect.arrayContaining(['junior', 'mid', 'lead']));
    expect(packs.every((p) => p.problems >= 8)).toBe(true);
    expect(run(['list'], tempDir()).stdout).toMatch(/^lead\s+lead\s+12 problems\s+Orders platform change/m);
  });

  it('start copies a pack by name without its key, base/ or the interviewer’s files, and writes the marker', () => {
    const cwd = tempDir();
    const r = run(['start', 'lead', '--out', 'candidate', '--state', 'lead.state.json'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = join(cwd, 'candidate');
    const files = tree(out);
    expect(files).not.toContain('answer-key.json');
    expect(files.some((f) => f.startsWith('base/'))).toBe(false);
    expect(files).toEqual(expect.arrayContaining(['CHANGE.md', 'README.md', 'versions.tf', 'database.tf', EXERCISE_MARKER]));
    const shipped = tree(join(PACKS, 'lead')).filter((f) => f !== 'answer-key.json' && !f.startsWith('base/'));
    expect(files.filter((f) => f !== EXERCISE_MARKER)).toEqual(shipped);
    for (const f of shipped) expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(PACKS, 'lead', f), 'utf8'));
    const marker = JSON.parse(readFileSync(join(out, EXERCISE_MARKER), 'utf8'));
    expect(marker).toEqual({ version: 2, exercise: expect.stringMatching(/^exercise-[0-9a-f]{16}$/) });
    expect(readExerciseState(join(cwd, 'lead.state.json'))).toMatchObject({
      version: 1,
      exercise: marker.exercise,
      name: 'lead',
      difficulty: 'lead',
      folder: out,
      source: join(PACKS, 'lead'),
      keyFingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      startedAt: '2026-11-23T09:30:00.000Z',
      durationMinutes: 40,
      deadline: '2026-11-23T10:10:00.000Z',
    });
    expect(r.stdout).toContain(`--key ${join(PACKS, 'lead', 'answer-key.json')} --state lead.state.json`);
    expect(isExerciseFolder(out)).toBe(true);
    expect(isExerciseFolder(join(PACKS, 'lead'))).toBe(false);
  });

  it('start takes a duration (fractions of a minute too), refuses a non-empty folder, an unknown pack and a missing or misplaced state file', () => {
    const cwd = tempDir();
    expect(run(['start', 'junior', '--out', 'c', '--duration', '30', '--state', 'c.json'], cwd).code).toBe(0);
    expect(readExerciseState(join(cwd, 'c.json')).durationMinutes).toBe(30);
    expect(readExerciseMarker(join(cwd, 'c'))).toEqual({ version: 2, exercise: expect.any(String) });
    expect(run(['start', 'junior', '--out', 'q', '--duration', '0.1', '--state', 'q.json'], cwd).code).toBe(0);
    expect(readExerciseState(join(cwd, 'q.json')).deadline).toBe('2026-11-23T09:30:06.000Z');
    expect(() => run(['start', 'junior', '--out', 'c', '--state', 'c2.json'], cwd)).toThrow(/already exists and is not empty/);
    expect(() => run(['start', 'senior', '--out', 'd', '--state', 'd.json'], cwd)).toThrow(/no exercise pack or folder "senior" \(packs: .*junior/);
    expect(() => run(['start', 'junior', '--out', 'e'], cwd)).toThrow(/--state FILE is required/);
    expect(() => run(['start', 'junior', '--out', 'f', '--state', 'f/state.json'], cwd)).toThrow(/cannot be in the candidate's folder/);
    expect(() => run(['start', 'junior', '--out', 'g', '--state', 'c.json'], cwd)).toThrow(/c\.json already exists/);
    expect(existsSync(join(cwd, 'e'))).toBe(false);
    expect(existsSync(join(cwd, 'f'))).toBe(false);
  });

  it('new writes the same bytes for the same seed, and a different exercise for another seed', () => {
    const cwd = tempDir();
    for (const out of ['a', 'b']) expect(run(['new', '--seed', '42', '--difficulty', 'lead', '--out', out], cwd).code).toBe(0);
    expect(run(['new', '--seed', '43', '--difficulty', 'lead', '--out', 'c'], cwd).code).toBe(0);
    expect(treeHash(join(cwd, 'a'))).toBe(treeHash(join(cwd, 'b')));
    expect(treeHash(join(cwd, 'a'))).not.toBe(treeHash(join(cwd, 'c')));
    const key = JSON.parse(readFileSync(join(cwd, 'a', 'answer-key.json'), 'utf8'));
    expect(key).toMatchObject({ version: 1, seed: 42, difficulty: 'lead' });
  });

  it('score prints SPEC §8 JSON with the explanation and refactor of each miss', () => {
    const cwd = tempDir();
    run(['new', '--seed', '9', '--difficulty', 'junior', '--out', 'ex'], cwd);
    const key = JSON.parse(readFileSync(join(cwd, 'ex', 'answer-key.json'), 'utf8'));
    const first = key.problems[0];
    const path = join(cwd, 'ex', first.file);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.splice(first.lines[0] - 1, 0, `# REVIEW: ${ANSWER_WORDS[first.category]}`, '# REVIEW: this module is fine');
    writeFileSync(path, lines.join('\n'));
    const r = run(['score', 'ex', '--format', 'json'], cwd);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    // The SPEC §8 version 1 fields, in order, then the extensions.
    expect(Object.keys(out).filter((k) => ['version', 'exercise', 'score', 'found', 'missed', 'falseAlarms', 'byCategory', 'problems'].includes(k))).toEqual([
      'version', 'exercise', 'score', 'found', 'missed', 'falseAlarms', 'byCategory', 'problems',
    ]);
    expect(out.formula).toMatch(/found weight ÷ total weight/);
    expect(out.falseAlarmComments).toEqual([expect.objectContaining({ text: 'this module is fine' })]);
    expect(out).toMatchObject({ version: 1, found: 1, missed: key.problems.length - 1, falseAlarms: 1 });
    expect(out.problems[0]).toMatchObject({ id: first.id, found: true, comment: ANSWER_WORDS[first.category] });
    expect(out.problems[0].explanation).toBeUndefined();
    expect(out.problems[1]).toMatchObject({ found: false, comment: null, explanation: key.problems[1].explanation, refactor: key.problems[1].refactor });
    const total = key.problems.reduce((s: number, p: { weight: number }) => s + p.weight, 0);
    expect(out.score).toBe(Math.round((100 * first.weight) / total));
  });

  it('score of a candidate folder needs the interviewer’s key; markdown lists misses and the formula, --reveal the engine findings', () => {
    const cwd = tempDir();
    run(['start', 'junior', '--out', 'cand', '--state', 'cand.json'], cwd);
    expect(existsSync(join(cwd, 'cand', 'answer-key.json'))).toBe(false);
    // Nothing in the folder leads to the key.
    expect(() => run(['score', 'cand'], cwd)).toThrow(/pass the interviewer's key with --key FILE/);
    const key = join(PACKS, 'junior', 'answer-key.json');
    const md = run(['score', 'cand', '--key', key], cwd);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Exercise score: junior\n\n\*\*Score: 0 \/ 100\*\* — found 0 of 9 problems, 0 false alarms\./);
    expect(md.stdout).toContain('Score formula: score = round(100 × found weight ÷ total weight)');
    expect(md.stdout).toContain('**Expected refactor:**');
    expect(md.stdout).not.toContain('Engine findings');
    const revealed = run(['score', 'cand', '--key', key, '--reveal', '--format', 'json'], cwd);
    const findings = JSON.parse(revealed.stdout).engineFindings as Array<{ ruleId: string; file: string }>;
    expect(findings.map((f) => f.ruleId)).toContain('network/public-database');
    expect(findings.every((f) => !f.file.startsWith('/'))).toBe(true);
  });

  it('score without any key is a usage error that says how to pass one', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'main.tf'), 'locals {}\n');
    expect(() => run(['score', '.'], cwd)).toThrow(/no answer-key.json in \.: pass the interviewer's key with --key FILE/);
  });

  it('is wired into the main command line, with usage errors on exit 2', () => {
    let stderr = '';
    const io: CliIO = { cwd: tempDir(), env: {}, stdoutIsTTY: false, stdout: () => {}, stderr: (t) => void (stderr += t) };
    expect(main(['exercise', 'new', '--seed', '-1', '--out', 'x'], io)).toBe(2);
    expect(main(['exercise', 'start', 'nope-pack', '--out', 'x', '--state', 'x.json'], io)).toBe(2);
    expect(stderr).toMatch(/iac-review exercise: no exercise pack or folder "nope-pack"/);
    expect(main(['exercise', 'frob'], io)).toBe(2);
  });
});
