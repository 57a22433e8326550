import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/cli.js';
import { runExercise, type ExerciseDependencies } from '../../server/src/cli/commands/exercise.js';
import type { CliIO } from '../../server/src/cli/io.js';
import { EXERCISE_MARKER, isExerciseFolder, readExerciseMarker } from '../../server/src/engine/exercise/exercise-folder.js';
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
    const r = run(['start', 'lead', '--out', 'candidate'], cwd);
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
    expect(JSON.parse(readFileSync(join(out, EXERCISE_MARKER), 'utf8'))).toEqual({
      version: 1,
      exercise: 'lead',
      difficulty: 'lead',
      startedAt: '2026-11-23T09:30:00.000Z',
      durationMinutes: 40,
      source: join(PACKS, 'lead'),
    });
    expect(isExerciseFolder(out)).toBe(true);
    expect(isExerciseFolder(join(PACKS, 'lead'))).toBe(false);
  });

  it('start takes a duration, refuses a non-empty folder and an unknown pack', () => {
    const cwd = tempDir();
    expect(run(['start', 'junior', '--out', 'c', '--duration', '30'], cwd).code).toBe(0);
    expect(readExerciseMarker(join(cwd, 'c'))!.durationMinutes).toBe(30);
    expect(() => run(['start', 'junior', '--out', 'c'], cwd)).toThrow(/already exists and is not empty/);
    expect(() => run(['start', 'senior', '--out', 'd'], cwd)).toThrow(/no exercise pack or folder "senior" \(packs: .*junior/);
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
    expect(Object.keys(out).slice(0, 8)).toEqual(['version', 'exercise', 'score', 'found', 'missed', 'falseAlarms', 'byCategory', 'problems']);
    expect(out).toMatchObject({ version: 1, found: 1, missed: key.problems.length - 1, falseAlarms: 1 });
    expect(out.problems[0]).toMatchObject({ id: first.id, found: true, comment: ANSWER_WORDS[first.category] });
    expect(out.problems[0].explanation).toBeUndefined();
    expect(out.problems[1]).toMatchObject({ found: false, comment: null, explanation: key.problems[1].explanation, refactor: key.problems[1].refactor });
    const total = key.problems.reduce((s: number, p: { weight: number }) => s + p.weight, 0);
    expect(out.score).toBe(Math.round((100 * first.weight) / total));
  });

  it('score of a candidate folder finds the key through the marker; markdown lists misses, --reveal the engine findings', () => {
    const cwd = tempDir();
    run(['start', 'junior', '--out', 'cand'], cwd);
    expect(existsSync(join(cwd, 'cand', 'answer-key.json'))).toBe(false);
    const md = run(['score', 'cand'], cwd);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# Exercise score: junior\n\n\*\*Score: 0 \/ 100\*\* — found 0 of 9 problems, 0 false alarms\./);
    expect(md.stdout).toContain('**Expected refactor:**');
    expect(md.stdout).not.toContain('Engine findings');
    const revealed = run(['score', 'cand', '--reveal', '--format', 'json'], cwd);
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
    expect(main(['exercise', 'start', 'nope-pack', '--out', 'x'], io)).toBe(2);
    expect(stderr).toMatch(/iac-review exercise: no exercise pack or folder "nope-pack"/);
    expect(main(['exercise', 'frob'], io)).toBe(2);
  });
});
