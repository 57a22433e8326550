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
import { describeInputError, type CheckFormatter } from '../format/report.js';
import { formatText } from '../format/text.js';
import { formatJson } from '../format/json.js';
import { formatSarif } from '../format/sarif.js';
import { formatMarkdown } from '../format/markdown.js';
import { formatGithub } from '../format/github.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, oneOf, parseCommandArgs, UsageError } from '../usage.js';

export const CHECK_FORMATS = { text: formatText, json: formatJson, sarif: formatSarif, markdown: formatMarkdown, github: formatGithub } satisfies Record<
  string,
  CheckFormatter
>;
export type CheckFormat = keyof typeof CHECK_FORMATS;
export type FailOn = Severity | 'never';
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

type CheckResult = Pick<AnalysisResult, 'findings' | 'errors' | 'configErrors' | 'files' | 'modules'>;

export interface CheckDependencies {
  analyze(options: AnalyzeOptions): CheckResult;
  /** Diff mode (`--base`): the working tree against the merge base. */
  reviewChange(options: ChangeReviewOptions): Pick<ChangeReview, 'head' | 'introduced'>;
  rules: readonly RuleMeta[];
}

export function runCheck(args: string[], io: CliIO, deps: CheckDependencies): number {
  const { values, positionals } = parseCommandArgs('check', args, {
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    'fail-on': { type: 'string' },
    base: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT_OK;
  }
  const format = oneOf('check', 'format', values.format, Object.keys(CHECK_FORMATS) as CheckFormat[], 'text');
  const failOn = oneOf('check', 'fail-on', values['fail-on'], FAIL_ON, 'error');
  if (values.base !== undefined && values.base.trim() === '') throw new UsageError('--base needs a git ref (a branch, tag or commit).', 'check');
  const paths = positionals.length ? positionals : ['.'];
  for (const p of paths) {
    if (!existsSync(resolve(io.cwd, p))) throw new UsageError(`path not found: ${p}`, 'check');
  }
  if (values.config !== undefined && !existsSync(resolve(io.cwd, values.config))) {
    throw new UsageError(`configuration file not found: ${values.config}`, 'check');
  }

  // Only the JSON report says whether a finding is fixable; the other formats never pay for fix edits.
  const fixes: FixMode = format === 'json' ? 'eager' : 'none';
  const options = { cwd: io.cwd, paths, fixes, ...(values.config !== undefined ? { configFile: resolve(io.cwd, values.config) } : {}) };
  const result = values.base === undefined ? deps.analyze(options) : introducedOnly(deps, { ...options, base: values.base });
  if (result.configErrors.length) {
    io.stderr(result.configErrors.map((e) => describeInputError(io.cwd, e)).join('\n') + '\n');
    io.stderr(`iac-review check: the configuration has ${result.configErrors.length === 1 ? 'an error' : `${result.configErrors.length} errors`}; fix it and run again.\n`);
    return EXIT_USAGE;
  }

  const color = format === 'text' && io.stdoutIsTTY && !io.env.NO_COLOR;
  io.stdout(CHECK_FORMATS[format](result, { cwd: io.cwd, rules: deps.rules, color }));
  return exitStatus(result.findings, result.errors, failOn);
}

/** Diff mode reports what the change introduced (SPEC §7); a ref git cannot resolve is a usage error. */
function introducedOnly(deps: CheckDependencies, options: ChangeReviewOptions): CheckResult {
  let review: Pick<ChangeReview, 'head' | 'introduced'>;
  try {
    review = deps.reviewChange(options);
  } catch (e) {
    if (e instanceof ChangeError) throw new UsageError(e.message, 'check');
    throw e;
  }
  return { ...review.head, findings: review.head.findings.filter((f) => review.introduced.has(f)) };
}

/** 1 when an unsuppressed finding is at or above `failOn`; input errors (unreadable files, syntax errors) count as errors. */
export function exitStatus(findings: readonly Finding[], errors: readonly InputError[], failOn: FailOn): number {
  if (failOn === 'never') return EXIT_OK;
  const threshold = SEVERITY_RANK[failOn];
  if (errors.length && SEVERITY_RANK.error >= threshold) return EXIT_FINDINGS;
  return findings.some((f) => !f.suppression && SEVERITY_RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}
