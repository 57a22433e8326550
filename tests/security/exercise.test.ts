// SPEC §8 exercises from a pack nobody vetted: `exercise start` copies only
// regular files and folders (no link followed, no pipe opened, bounded), and
// every number a key, a marker or the command line gives is checked.
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnswerKeyError, MAX_WEIGHT, parseAnswerKey } from '../../server/src/engine/exercise/answer-key.js';
import { ExerciseError, MAX_EXERCISE_BYTES, MAX_EXERCISE_FILES, startExercise } from '../../server/src/engine/exercise/exercise-folder.js';
import { EXERCISE_MARKER, readExerciseMarker } from '../../server/src/engine/exercise/exercise-marker.js';
import { readExerciseState } from '../../server/src/engine/exercise/exercise-state.js';
import { exerciseStatus, startExerciseIn } from '../../server/src/lsp/exercise-requests.js';
import { fifo, link, marker, removeTemps, runCli, tempDir, write } from './confinement-support.js';

afterAll(removeTemps);

const PACKS = join(import.meta.dirname, '..', '..', 'test-fixtures', 'exercises');

/** A copy of the junior pack to spoil. */
function packCopy(): { base: string; pack: string } {
  const base = tempDir('iac-review-sec-exercise-');
  const pack = join(base, 'pack');
  cpSync(join(PACKS, 'junior'), pack, { recursive: true });
  return { base, pack };
}

/** Every entry under a folder (links and pipes included, none followed), folder-relative. */
function entries(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? [`${prefix}${e.name}/`, ...entries(join(dir, e.name), `${prefix}${e.name}/`)] : [`${prefix}${e.name}`],
  );
}

describe('exercise start copies only regular files (CLI killed after 30 s = failure)', () => {
  it('links (to /etc, to a secret outside, loops) and pipes in a pack are left out and named; the rest is copied', async () => {
    const { base, pack } = packCopy();
    const started = await runCli(['exercise', 'start', pack, '--out', 'clean', '--state', 'clean.json'], base);
    expect(started.code, started.stderr).toBe(0);
    const clean = entries(join(base, 'clean'));
    const secret = marker('HOST_SECRET');
    write(base, { 'outside/secret.tf': `# ${secret}\n`, 'outside/dir/key.pem': secret });
    link(pack, 'etc', '/etc');
    link(pack, 'secret.tf', join(base, 'outside/secret.tf'));
    link(pack, 'shared', join(base, 'outside/dir'));
    link(pack, 'modules/up', '..');
    link(pack, 'self', '.');
    link(pack, 'loop.tf', 'loop.tf');
    fifo(pack, 'notes.md');
    fifo(pack, 'modules/variables.tf');
    const run = await runCli(['exercise', 'start', pack, '--out', 'candidate', '--state', 'candidate.json'], base);
    expect(run.hung, 'killed after 30 s').toBe(false);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Not copied (not regular files or folders: symbolic links, pipes, devices)');
    for (const name of ['etc', 'secret.tf', 'shared', 'modules/up', 'self', 'loop.tf']) expect(run.stderr).toMatch(new RegExp(`"${name}"|and \\d+ more`));
    const out = join(base, 'candidate');
    // Exactly what the clean pack gives, plus the (empty) folder that held only a link and a pipe.
    expect(entries(out).sort()).toEqual([...clean, 'modules/'].sort());
    for (const entry of entries(out)) expect(lstatSync(join(out, entry)).isSymbolicLink(), entry).toBe(false);
    for (const entry of entries(out).filter((e) => !e.endsWith('/'))) expect(readFileSync(join(out, entry), 'utf8')).not.toContain(secret);
  });

  it('refuses a pack past the file-count bound before writing anything', async () => {
    const { base, pack } = packCopy();
    write(pack, Object.fromEntries(Array.from({ length: MAX_EXERCISE_FILES + 1 }, (_, i) => [`many/f${i}.txt`, 'x'])));
    const run = await runCli(['exercise', 'start', pack, '--out', 'candidate', '--state', 'candidate.json'], base);
    expect(run.hung).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the exercise has more than ${MAX_EXERCISE_FILES} files`);
    expect(existsSync(join(base, 'candidate'))).toBe(false);
  });

  it('refuses a pack past the size bound before writing anything', async () => {
    const { base, pack } = packCopy();
    writeFileSync(join(pack, 'big.bin'), Buffer.alloc(MAX_EXERCISE_BYTES + 1));
    const run = await runCli(['exercise', 'start', pack, '--out', 'candidate', '--state', 'candidate.json'], base);
    expect(run.hung).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the exercise's files come to more than ${MAX_EXERCISE_BYTES / (1024 * 1024)} MB`);
    expect(existsSync(join(base, 'candidate'))).toBe(false);
  });

  it('refuses folders nested past the depth bound', () => {
    const { base, pack } = packCopy();
    write(pack, { [`${'d/'.repeat(20)}deep.tf`]: '' });
    expect(() => startExercise({ pack, out: join(base, 'candidate'), startedAt: new Date() })).toThrow(/nested more than 16 deep/);
  });

  it('a pipe as the key given with --key, or as a pack README: a clear error, nothing blocks', async () => {
    const { base, pack } = packCopy();
    fifo(base, 'key.json');
    const score = await runCli(['exercise', 'score', pack, '--key', 'key.json'], base);
    expect(score.hung, 'killed after 30 s').toBe(false);
    expect(score.code).toBe(2);
    expect(score.stderr).toContain('cannot read the answer key');
    expect(score.stderr).toContain('a named pipe (FIFO), not a regular file');

    const packs = join(base, 'packs');
    cpSync(pack, join(packs, 'p'), { recursive: true });
    rmSync(join(packs, 'p', 'README.md'));
    fifo(join(packs, 'p'), 'README.md');
    const list = await runCli(['exercise', 'list', '--packs', packs], base);
    expect(list.hung, 'killed after 30 s').toBe(false);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^p\s+junior/m);
  });
});

describe('numbers in an answer key', () => {
  const key = (problem: Record<string, unknown>, top: Record<string, unknown> = {}) =>
    JSON.stringify({
      version: 1,
      ...top,
      problems: [{ id: 'p1', ruleId: 'iam/wildcard-action', file: 'main.tf', address: 'aws_iam_policy.x', lines: [1, 5], explanation: 'e', refactor: 'r', ...problem }],
    });
  // JSON turns 1e400 into Infinity: the score was NaN.
  const badWeights = ['1e400', '-1e400', '"abc"', '-2', '0', '1e308', `${MAX_WEIGHT + 1}`, 'true', '[1]', '{}'];

  for (const weight of badWeights) {
    it(`weight ${weight} is refused with a clear error`, () => {
      const text = key({}).replace('"refactor":"r"', `"refactor":"r","weight":${weight}`);
      expect(() => parseAnswerKey(text, 'k.json')).toThrow(AnswerKeyError);
      expect(() => parseAnswerKey(text, 'k.json')).toThrow(/k\.json: problems\[0\]\.weight must be a number greater than 0 and at most 1000/);
    });
  }

  it('a fractional weight within the bound, and the default weight, are fine', () => {
    expect(parseAnswerKey(key({ weight: 0.5 })).problems[0]!.weight).toBe(0.5);
    expect(parseAnswerKey(key({})).problems[0]!.weight).toBe(1);
  });

  for (const lines of ['[1, 1e400]', '[1, 1e300]', '[-1, 2]', '[1.5, 2]', '[3, 2]', '["1", "2"]']) {
    it(`lines ${lines} are refused`, () => {
      const text = key({}).replace('"lines":[1,5]', `"lines":${lines}`);
      expect(() => parseAnswerKey(text)).toThrow(/lines must be \[start, end\]/);
    });
  }

  for (const seed of ['1e400', '-1', '1.5', '"7"', '4294967296']) {
    it(`seed ${seed} is refused`, () => {
      const text = key({}).replace('"version":1', `"version":1,"seed":${seed}`);
      expect(() => parseAnswerKey(text)).toThrow(/"seed" must be an integer from 0 to 4294967295/);
    });
  }

  it('exercise score with a weight of 1e400: exit 2 and the reason, never a NaN score', async () => {
    const { base, pack } = packCopy();
    const keyPath = join(pack, 'answer-key.json');
    writeFileSync(keyPath, readFileSync(keyPath, 'utf8').replace(/"weight": \d+/, '"weight": 1e400'));
    const run = await runCli(['exercise', 'score', pack, '--format', 'json'], base);
    expect(run.hung).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('weight must be a number greater than 0 and at most 1000 (got Infinity)');
    expect(run.stdout).toBe('');
  });
});

describe('the duration of an exercise', () => {
  for (const duration of ['1e12', '0', '-5', 'abc', 'Infinity', 'NaN', '0x10', '1e400', '10081', '', ' ']) {
    it(`--duration=${JSON.stringify(duration)} is a usage error (exit 2), and nothing is started`, async () => {
      const { base } = packCopy();
      const run = await runCli(['exercise', 'start', 'pack', '--out', 'candidate', '--state', 'state.json', `--duration=${duration}`], base);
      expect(run.hung).toBe(false);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('--duration needs a number of minutes greater than 0 and at most 10080 (7 days)');
      expect(existsSync(join(base, 'candidate'))).toBe(false);
      expect(existsSync(join(base, 'state.json'))).toBe(false);
    });
  }

  for (const [duration, minutes] of [['0.5', 0.5], ['40', 40], ['10080', 10080]] as const) {
    it(`--duration ${duration} starts the exercise`, async () => {
      const { base } = packCopy();
      const run = await runCli(['exercise', 'start', 'pack', '--out', 'candidate', '--state', 'state.json', '--duration', duration], base);
      expect(run.code, run.stderr).toBe(0);
      expect(readExerciseState(join(base, 'state.json')).durationMinutes).toBe(minutes);
    });
  }

  it('the editor’s start request checks what the client sent (JSON 1e400 is Infinity)', () => {
    const { base, pack } = packCopy();
    for (const durationMinutes of [Infinity, 1e12, -5, 0, Number.NaN, '40' as unknown as number]) {
      expect(() => startExerciseIn({ pack, out: join(base, `c${durationMinutes}`), durationMinutes }, new Date()), String(durationMinutes)).toThrow(ExerciseError);
    }
    expect(startExerciseIn({ pack, out: join(base, 'ok'), durationMinutes: 25 }, new Date()).state.durationMinutes).toBe(25);
  });

  it('a marker that is not one (bad id, not JSON, a pipe) marks nothing, and the status request never throws', () => {
    const { base, pack } = packCopy();
    const out = join(base, 'candidate');
    startExercise({ pack, out, startedAt: new Date('2026-01-01T00:00:00Z') });
    const good = readExerciseMarker(out)!;
    expect(exerciseStatus(out)).toEqual({ folder: out, exercise: good.exercise });
    for (const exercise of ['', 'a/../../b', 'x'.repeat(101), 42, null]) {
      writeFileSync(join(out, EXERCISE_MARKER), JSON.stringify({ version: 2, exercise }));
      expect(readExerciseMarker(out), String(exercise)).toBeUndefined();
      expect(exerciseStatus(out)).toBeUndefined();
    }
    writeFileSync(join(out, EXERCISE_MARKER), '{ not json');
    expect(exerciseStatus(out)).toBeUndefined();
    // An older marker (with times and the pack's path) still marks the folder; nothing but its name is read.
    writeFileSync(join(out, EXERCISE_MARKER), JSON.stringify({ version: 1, exercise: 'junior', startedAt: '2026-01-01T00:00:00Z', durationMinutes: 40, source: pack }));
    expect(readExerciseMarker(out)).toEqual({ version: 2, exercise: 'junior' });
    // A pipe in the marker's place is no marker either, and is never opened.
    rmSync(join(out, EXERCISE_MARKER));
    fifo(out, EXERCISE_MARKER);
    expect(readExerciseMarker(out)).toBeUndefined();
  });
});
