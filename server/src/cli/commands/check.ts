import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalysisResult, AnalyzeOptions } from '../../engine/analyze.js';
import type { FixMode } from '../../engine/run-rules.js';
import { ChangeError, type ChangeReview, type ChangeReviewOptions } from '../../engine/change/review-change.js';
import type { Finding, InputError } from '../../engine/finding.js';
import type { RuleMeta } from '../../engine/rules/rule.js';
import { SEVERITY_RANK, type Severity } from '../../engine/severity.js';
import { CHECK_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import type { CheckFormatter } from '../format/report.js';
import { formatText } from '../format/text.js';
import { formatJson } from '../format/json.js';
import { formatSarif } from '../format/sarif.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatGithub } from '../format/github.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, oneOf, parseCommandArgs, reportUsageError, UsageError } from '../usage.js';
import { annotatedStderr, plainStderr, type StderrChannel } from '../stderr-channel.js';
import { PlanError, type Plan } from '../../engine/plan/plan-model.js';
import { rulesWithPolicies } from '../../engine/policies/rule-set.js';
import { changeReviewNote, exerciseSilenceNote, silenceExerciseFolders } from '../../engine/exercise/silence.js';
import { timed } from '../../engine/timings.js';

export const CHECK_FORMATS = { text: formatText, json: formatJson, sarif: formatSarif, markdown: formatMarkdown, github: formatGithub } satisfies Record<
  string,
  CheckFormatter
>;
export type CheckFormat = keyof typeof CHECK_FORMATS;
export type FailOn = Severity | 'never';
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

type CheckResult = Pick<AnalysisResult, 'findings' | 'errors' | 'configErrors' | 'files' | 'modules'> & Partial<Pick<AnalysisResult, 'moduleRoles' | 'planNotes' | 'config'>>;

export interface CheckDependencies {
  analyze(options: AnalyzeOptions): CheckResult;
  /** Diff mode (`--base`): the working tree against the merge base. */
  reviewChange(options: ChangeReviewOptions): Pick<ChangeReview, 'head' | 'introduced'>;
  rules: readonly RuleMeta[];
  /** `--plan FILE`: the plan JSON read (SPEC §10); throws PlanError for a file that is not a usable plan. */
  readPlan(file: string): Plan;
}

/**
 * `iac-review check`. With `--format github` everything on stderr is a
 * workflow command too — usage and configuration errors, and an internal
 * error — so the format is read before the arguments are validated.
 */
export function runCheck(args: string[], io: CliIO, deps: CheckDependencies): number {
  if (requestedFormat(args) !== 'github') return check(args, io, deps, plainStderr(io));
  const stderr = annotatedStderr(io, 'iac-review');
  try {
    return check(args, io, deps, stderr);
  } catch (e) {
    if (e instanceof UsageError) return reportUsageError(io, e, stderr);
    stderr.internalError(e);
    return EXIT_USAGE; // 2, as main.ts exits on any internal error
  }
}

/** The last `--format`/`-f` value among the arguments (as parseArgs would take it), before they are validated. */
function requestedFormat(args: readonly string[]): string | undefined {
  let format: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === '--format' || arg === '-f') format = args[++i];
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg.startsWith('-f') && !arg.startsWith('--')) format = arg.slice(2);
  }
  return format;
}

function check(args: string[], io: CliIO, deps: CheckDependencies, stderr: StderrChannel): number {
  const { values, positionals } = parseCommandArgs('check', args, {
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    'fail-on': { type: 'string' },
    base: { type: 'string' },
    plan: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT_OK;
  }
  const format = oneOf('check', 'format', values.format, Object.keys(CHECK_FORMATS) as CheckFormat[], 'text');
  const failOn = oneOf('check', 'fail-on', values['fail-on'], FAIL_ON, 'error');
  const target = reviewTarget('check', io.cwd, positionals, values);
  const plan = planOption('check', io.cwd, values.plan, deps.readPlan);
  if (plan instanceof PlanError) return reportPlanError('check', stderr, plan);

  // Only the JSON report says whether a finding is fixable; the other formats never pay for fix edits.
  const fixes: FixMode = format === 'json' ? 'eager' : 'none';
  // A check shows findings, never the checklist's undecided items: it does not pay for deciding them through callers.
  const options = { ...target, fixes, undecided: false, ...(plan ? { plan } : {}) };
  const base = values.base;
  const reviewed = withPlanErrors(plan, values.plan, () =>
    timed('review (other)', () => (base === undefined ? deps.analyze(options) : introducedOnly(deps, { ...options, base }))),
  );
  if (reviewed instanceof PlanError) return reportPlanError('check', stderr, reviewed);
  if (reviewed.configErrors.length) return reportConfigErrors('check', stderr, reviewed.configErrors);
  // SPEC §8: nothing about a candidate's exercise folder, whatever is found there — except in a change review (silence.ts).
  const silenced = silenceExerciseFolders(reviewed);
  const changeReview = values.base !== undefined;
  const result = changeReview ? reviewed : silenced.result;
  if (silenced.exerciseFolders.length) stderr.message((changeReview ? changeReviewNote : exerciseSilenceNote)('check', silenced.exerciseFolders));

  // What of the plan could not be used is never silent (SPEC §10): a report field in JSON, SARIF and Markdown; stderr beside text.
  const report = plan ? { ...result, planNotes: result.planNotes ?? plan.notes } : result;
  if (plan && (format === 'text' || format === 'github')) for (const note of report.planNotes ?? []) stderr.note(`iac-review check: plan note: ${note}`);
  const color = format === 'text' && io.stdoutIsTTY && !io.env.NO_COLOR;
  // The configuration's policies are rules of this review (SPEC §11): SARIF lists them with their help.
  const rules = rulesWithPolicies(deps.rules.map((meta) => ({ meta })), result.config ?? {}).map((r) => r.meta);
  timed('output', () => io.stdout(CHECK_FORMATS[format](report, { cwd: io.cwd, rules, color })));
  return exitStatus(result.findings, result.errors, failOn);
}

/** Diff mode reports what the change introduced (SPEC §7). */
function introducedOnly(deps: CheckDependencies, options: ChangeReviewOptions): CheckResult {
  const review = gitProblemsAsUsageErrors('check', () => deps.reviewChange(options));
  return { ...review.head, findings: review.head.findings.filter((f) => review.introduced.has(f)) };
}

/** What `check` and `checklist` review: PATH... (default `.`) and `--config FILE`, which must exist, and a non-blank `--base`. */
export function reviewTarget(
  command: string,
  cwd: string,
  positionals: readonly string[],
  values: { config?: string | undefined; base?: string | undefined },
): { cwd: string; paths: string[]; configFile?: string } {
  if (values.base !== undefined && values.base.trim() === '') throw new UsageError('--base needs a git ref (a branch, tag or commit).', command);
  const paths = positionals.length ? [...positionals] : ['.'];
  for (const p of paths) {
    if (!existsSync(resolve(cwd, p))) throw new UsageError(`path not found: ${p}`, command);
  }
  if (values.config === undefined) return { cwd, paths };
  const configFile = resolve(cwd, values.config);
  if (!existsSync(configFile)) throw new UsageError(`configuration file not found: ${values.config}`, command);
  return { cwd, paths, configFile };
}

/**
 * `--plan FILE` (SPEC §10), read relative to the working directory. A user's
 * path may be anywhere (SPEC §2): it is not the reviewed code. A file that is
 * not a usable plan comes back as its PlanError, for exit status 2.
 */
export function planOption(command: string, cwd: string, file: string | undefined, readPlan: (file: string) => Plan): Plan | PlanError | undefined {
  if (file === undefined) return undefined;
  if (file.trim() === '') throw new UsageError('--plan needs a file: the JSON of `terraform show -json PLANFILE`.', command);
  const path = resolve(cwd, file);
  try {
    return readPlan(path);
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    return namedAsGiven(e, path, file);
  }
}

/** A PlanError about the file read from `path`, named as the user wrote it (`given`), not as the absolute path. */
function namedAsGiven(e: PlanError, path: string, given: string): PlanError {
  return e.file === path && e.message.startsWith(`${path}: `) ? new PlanError(given, e.message.slice(path.length + 2)) : e;
}

/**
 * Runs the review; a plan the code does not match (a plan of other code,
 * which the analysis refuses) is a PlanError returned for exit status 2.
 */
export function withPlanErrors<T>(plan: Plan | undefined, given: string | undefined, review: () => T): T | PlanError {
  try {
    return review();
  } catch (e) {
    if (!(e instanceof PlanError) || !plan) throw e;
    return namedAsGiven(e, plan.file, given ?? plan.file);
  }
}

/** A plan that cannot be used stops the review (exit 2): a review without it would answer a question nobody asked. */
export function reportPlanError(command: string, stderr: StderrChannel, error: PlanError): number {
  stderr.message(`iac-review ${command}: ${error.message}`);
  return EXIT_USAGE;
}

/** Runs diff mode; a git problem the user must fix (an unknown ref, no repository) is a usage error. */
export function gitProblemsAsUsageErrors<T>(command: string, review: () => T): T {
  try {
    return review();
  } catch (e) {
    if (e instanceof ChangeError) throw new UsageError(e.message, command);
    throw e;
  }
}

/** A broken configuration is a usage error (exit 2), each problem with its file and position. */
export function reportConfigErrors(command: string, stderr: StderrChannel, errors: readonly InputError[]): number {
  stderr.inputErrors(errors);
  stderr.message(`iac-review ${command}: the configuration has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; fix it and run again.`);
  return EXIT_USAGE;
}

/** 1 when an unsuppressed finding is at or above `failOn`; input errors (unreadable files, syntax errors) count as errors. */
export function exitStatus(findings: readonly Finding[], errors: readonly InputError[], failOn: FailOn): number {
  if (failOn === 'never') return EXIT_OK;
  const threshold = SEVERITY_RANK[failOn];
  if (errors.length && SEVERITY_RANK.error >= threshold) return EXIT_FINDINGS;
  return findings.some((f) => !f.suppression && SEVERITY_RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}
