import { join, resolve } from 'node:path';
import { AnswerKeyError, DIFFICULTIES, type Difficulty } from '../../engine/exercise/answer-key.js';
import {
  defaultPacksRoot,
  durationProblem,
  ANSWER_KEY_FILE,
  MAX_DURATION_MINUTES,
  ExerciseError,
  isDirectory,
  isNewFolder,
  listPacks,
  ownAnswerKeyPath,
  readAnswerKey,
  startExercise,
} from '../../engine/exercise/exercise-folder.js';
import { readExerciseMarker } from '../../engine/exercise/exercise-marker.js';
import { exerciseTiming, keyFingerprint, readExerciseState, recordSubmission, writeNewStateFile } from '../../engine/exercise/exercise-state.js';
import { hashExerciseFiles, readSubmissionReceipt, submitExercise } from '../../engine/exercise/submission.js';
import { MAX_JSON_FILE_BYTES, readRegularFile } from '../../engine/host.js';
import { generateExercise, writeExercise } from '../../engine/exercise/generator/generate.js';
import { reviewExercise } from '../../engine/exercise/review-exercise.js';
import { scoreExercise } from '../../engine/exercise/score.js';
import { EXERCISE_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { formatScoreJson, formatScoreMarkdown } from '../../engine/exercise/score-report.js';
import { EXIT_OK, EXIT_USAGE, oneOf, parseCommandArgs, UsageError } from '../usage.js';
import { inertJson, inertLineStart, inertText as printable } from '../../engine/inert-text.js';
import { jsonText } from '../format/json-text.js';

export interface ExerciseDependencies {
  /** The clock `exercise start`, `submit` and `score` read (tests pass a fixed one). */
  now(): Date;
  /** Where packs are found by name (default: the installed package's test-fixtures/exercises). */
  packsRoot?: string;
}

const COMMAND = 'exercise';

export function runExercise(args: string[], io: CliIO, deps: Partial<ExerciseDependencies> = {}): number {
  const [sub, ...rest] = args;
  const packsRoot = deps.packsRoot ?? defaultPacksRoot();
  try {
    switch (sub) {
      case undefined:
        io.stderr(EXERCISE_HELP);
        return EXIT_USAGE;
      case '-h':
      case '--help':
      case 'help':
        io.stdout(EXERCISE_HELP);
        return EXIT_OK;
      case 'list':
        return runList(rest, io, packsRoot);
      case 'new':
        return runNew(rest, io);
      case 'start':
        return runStart(rest, io, packsRoot, deps.now ?? (() => new Date()));
      case 'submit':
        return runSubmit(rest, io, deps.now ?? (() => new Date()));
      case 'score':
        return runScore(rest, io, deps.now ?? (() => new Date()));
      default:
        throw new UsageError(`unknown subcommand "${sub}" (list, new, start, submit or score).`, COMMAND);
    }
  } catch (e) {
    if (e instanceof ExerciseError || e instanceof AnswerKeyError) throw new UsageError(e.message, COMMAND);
    throw e;
  }
}

function helpRequested(values: { help?: boolean | undefined }, io: CliIO): boolean {
  if (values.help) io.stdout(EXERCISE_HELP);
  return values.help === true;
}

function runList(args: string[], io: CliIO, packsRoot: string | undefined): number {
  const { values, positionals } = parseCommandArgs(COMMAND, args, { format: { type: 'string', short: 'f' }, packs: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (helpRequested(values, io)) return EXIT_OK;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}".`, COMMAND);
  const format = oneOf(COMMAND, 'format', values.format, ['text', 'json'] as const, 'text');
  const root = values.packs !== undefined ? resolve(io.cwd, values.packs) : packsRoot;
  const packs = root ? listPacks(root) : [];
  if (format === 'json') {
    io.stdout(jsonText({ version: 1, packs: packs.map(({ dir: _dir, ...p }) => p) }));
    return EXIT_OK;
  }
  if (packs.length === 0) {
    io.stdout(`No exercise packs found${root ? ` in ${printable(root)}` : ''}. Generate one with \`iac-review exercise new --seed N --out DIR\`.\n`);
    return EXIT_OK;
  }
  // Pack names, difficulties and titles come from the packs' files: printed as inert text.
  const rows = packs.map((p) => ({ name: printable(p.name), difficulty: printable(p.difficulty ?? ''), problems: p.problems, title: printable(p.title ?? '') }));
  let width = 0;
  for (const row of rows) width = Math.max(width, row.name.length);
  for (const row of rows) {
    io.stdout(inertLineStart(`${row.name.padEnd(width)}  ${row.difficulty.padEnd(6)}  ${String(row.problems).padStart(2)} problems  ${row.title}`.trimEnd()) + '\n');
  }
  return EXIT_OK;
}

function runNew(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommandArgs(COMMAND, args, {
    seed: { type: 'string' },
    difficulty: { type: 'string', short: 'd' },
    out: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  if (helpRequested(values, io)) return EXIT_OK;
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}".`, COMMAND);
  if (values.seed === undefined || !/^\d+$/.test(values.seed) || Number(values.seed) > 0xffffffff) {
    throw new UsageError('--seed needs an integer from 0 to 4294967295.', COMMAND);
  }
  if (values.out === undefined) throw new UsageError('--out DIR is required: the folder to write the exercise to.', COMMAND);
  const difficulty: Difficulty = oneOf(COMMAND, 'difficulty', values.difficulty, DIFFICULTIES, 'mid');
  const out = resolve(io.cwd, values.out);
  if (!isNewFolder(out)) throw new UsageError(`${values.out} already exists and is not empty; choose a new folder.`, COMMAND);
  const exercise = generateExercise({ seed: Number(values.seed), difficulty });
  writeExercise(exercise, out);
  io.stdout(
    `Wrote ${exercise.key.name} (${exercise.key.problems.length} problems) to ${printable(values.out)}.\n` +
      `Give it to a candidate with \`iac-review exercise start ${printable(values.out)} --out CANDIDATE_DIR --state STATE_FILE\` (the answer key stays here).\n`,
  );
  return EXIT_OK;
}

function runStart(args: string[], io: CliIO, packsRoot: string | undefined, now: () => Date): number {
  const { values, positionals } = parseCommandArgs(COMMAND, args, {
    out: { type: 'string', short: 'o' },
    state: { type: 'string' },
    duration: { type: 'string' },
    packs: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (helpRequested(values, io)) return EXIT_OK;
  if (positionals.length !== 1) throw new UsageError('give one pack name or exercise folder to start.', COMMAND);
  if (values.out === undefined) throw new UsageError("--out DIR is required: the candidate's folder.", COMMAND);
  if (values.state === undefined) {
    throw new UsageError("--state FILE is required: the interviewer's record of the start time, time limit and key (outside the candidate's folder).", COMMAND);
  }
  const statePath = resolve(io.cwd, values.state);
  const out = resolve(io.cwd, values.out);
  if (statePath === out || statePath.startsWith(out + '/')) {
    throw new UsageError("the state file cannot be in the candidate's folder: the candidate could change the deadline there.", COMMAND);
  }
  if (!isNewFolder(statePath) || isDirectory(statePath)) throw new UsageError(`${values.state} already exists; name a new state file.`, COMMAND);
  let duration: number | undefined;
  if (values.duration !== undefined) {
    // Plain decimal minutes (fractions too: 0.1 is six seconds); Number() would also take '0x10', '1e12' and ' '.
    duration = /^\s*(\d+(\.\d+)?|\.\d+)\s*$/.test(values.duration) ? Number(values.duration) : NaN;
    if (durationProblem(duration) !== undefined) {
      throw new UsageError(`--duration needs a number of minutes greater than 0 and at most ${MAX_DURATION_MINUTES} (7 days), e.g. --duration 40.`, COMMAND);
    }
  }
  const root = values.packs !== undefined ? resolve(io.cwd, values.packs) : packsRoot;
  const started = startExercise({
    pack: positionals[0]!,
    out: values.out,
    startedAt: now(),
    cwd: io.cwd,
    ...(root ? { packsRoot: root } : {}),
    ...(duration !== undefined ? { durationMinutes: duration } : {}),
  });
  writeNewStateFile(statePath, started.state);
  if (started.skipped.length) {
    // Quoted and inert: a name from the pack cannot put control characters, bidi overrides or a workflow command on the terminal.
    const names = started.skipped.slice(0, 5).map((n) => `"${printable(n)}"`);
    io.stderr(
      `Not copied (not regular files or folders: symbolic links, pipes, devices): ${names.join(', ')}${started.skipped.length > names.length ? ` and ${started.skipped.length - names.length} more` : ''}.\n`,
    );
  }
  // The interviewer's terminal: the key's path is printed here, never written to the candidate's folder.
  io.stdout(
    `Started ${printable(started.state.name)} in ${printable(values.out)} (${started.files.length} files, ${started.state.durationMinutes} minutes, due ${started.state.deadline}; the answer key was not copied).\n` +
      `The candidate marks problems with \`# REVIEW: …\` comments and hands in with \`iac-review exercise submit ${printable(values.out)}\`.\n` +
      `Score it with \`iac-review exercise score ${printable(values.out)} --key ${printable(join(started.state.source, ANSWER_KEY_FILE))} --state ${printable(values.state)}\`.\n`,
  );
  return EXIT_OK;
}

/**
 * `exercise submit DIR [--state FILE]`: the candidate hands in. Records the
 * time and a hash of the files (a receipt in the folder; with --state, also
 * in the interviewer's state file) and prints only that — no score, no key.
 */
function runSubmit(args: string[], io: CliIO, now: () => Date): number {
  const { values, positionals } = parseCommandArgs(COMMAND, args, { state: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (helpRequested(values, io)) return EXIT_OK;
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}".`, COMMAND);
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  if (!isDirectory(dir)) throw new UsageError(`folder not found: ${positionals[0] ?? '.'}`, COMMAND);
  if (values.state !== undefined) {
    // Checked before anything is written: a state file of another exercise must not receive this submission.
    const state = readExerciseState(resolve(io.cwd, values.state));
    const marker = readExerciseMarker(dir);
    if (marker && marker.exercise !== state.exercise) throw new UsageError(`${values.state} is the state of another exercise.`, COMMAND);
  }
  const submission = submitExercise(dir, now());
  if (values.state !== undefined) recordSubmission(resolve(io.cwd, values.state), submission);
  io.stdout(
    `Submitted ${printable(positionals[0] ?? '.')} at ${submission.submittedAt} (${submission.files} files, ${submission.filesHash.slice(0, 19)}…).\n` +
      'Your interviewer takes it from here; there is nothing more to do.\n',
  );
  return EXIT_OK;
}

function runScore(args: string[], io: CliIO, now: () => Date): number {
  const { values, positionals } = parseCommandArgs(COMMAND, args, {
    key: { type: 'string', short: 'k' },
    state: { type: 'string' },
    format: { type: 'string', short: 'f' },
    reveal: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (helpRequested(values, io)) return EXIT_OK;
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}".`, COMMAND);
  const format = oneOf(COMMAND, 'format', values.format, ['markdown', 'json'] as const, 'markdown');
  const dir = resolve(io.cwd, positionals[0] ?? '.');
  if (!isDirectory(dir)) throw new UsageError(`folder not found: ${positionals[0] ?? '.'}`, COMMAND);
  const keyPath = values.key !== undefined ? resolve(io.cwd, values.key) : ownAnswerKeyPath(dir);
  if (!keyPath) {
    throw new UsageError(`no ${ANSWER_KEY_FILE} in ${positionals[0] ?? '.'}: pass the interviewer's key with --key FILE.`, COMMAND);
  }
  const keyBytes = readRegularFile(keyPath, MAX_JSON_FILE_BYTES, { followLinks: true });
  const key = readAnswerKey(keyPath);
  const state = values.state !== undefined ? readExerciseState(resolve(io.cwd, values.state)) : undefined;
  if (state && keyBytes.ok && keyFingerprint(keyBytes.bytes) !== state.keyFingerprint) {
    throw new UsageError(`${values.key ?? keyPath} is not the answer key ${printable(state.name)} was started with (its fingerprint differs from the state's).`, COMMAND);
  }
  const score = scoreExercise(dir, key);
  const exercise = key.name ?? state?.name;
  const timing = state ? exerciseTiming(state, readSubmissionReceipt(dir), hashExerciseFiles(dir).hash, now()) : undefined;
  const report = {
    score,
    dir,
    ...(exercise ? { exercise } : {}),
    ...(timing ? { timing } : {}),
    ...(values.reveal ? { findings: reviewExercise(dir).findings.filter((f) => !f.suppression) } : {}),
  };
  // The report quotes the candidate's comments, the answer key (its own Markdown, over several lines) and file
  // names: no control character reaches the terminal, and no line reads as a CI workflow command.
  io.stdout(format === 'json' ? inertJson(formatScoreJson(report)) : printable(formatScoreMarkdown(report), '\n').split('\n').map(inertLineStart).join('\n'));
  return EXIT_OK;
}
