import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalysisResult, AnalyzeOptions } from '../../engine/analyze.js';
import type { Finding, InputError } from '../../engine/finding.js';
import type { RuleMeta } from '../../engine/rules/rule.js';
import { SEVERITY_RANK, type Severity } from '../../engine/severity.js';
import { CHECK_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { displayPath, type CheckFormatter } from '../format/report.js';
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

export interface CheckDependencies {
  analyze(options: AnalyzeOptions): Pick<AnalysisResult, 'findings' | 'errors' | 'configErrors' | 'files' | 'modules'>;
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
  if (values.base !== undefined) {
    throw new UsageError('--base (diff mode) is not supported yet in this version; run `iac-review check` without --base to review the whole tree.', 'check');
  }
  const paths = positionals.length ? positionals : ['.'];
  for (const p of paths) {
    if (!existsSync(resolve(io.cwd, p))) throw new UsageError(`path not found: ${p}`, 'check');
  }
  if (values.config !== undefined && !existsSync(resolve(io.cwd, values.config))) {
    throw new UsageError(`configuration file not found: ${values.config}`, 'check');
  }

  // Only the JSON report says whether a finding is fixable; the other formats never pay for fix edits.
  const fixes = format === 'json' ? 'eager' : 'none';
  const result = deps.analyze({ cwd: io.cwd, paths, fixes, ...(values.config !== undefined ? { configFile: resolve(io.cwd, values.config) } : {}) });
  if (result.configErrors.length) {
    io.stderr(result.configErrors.map((e) => describeInputError(io.cwd, e)).join('\n') + '\n');
    io.stderr(`iac-review check: the configuration has ${result.configErrors.length === 1 ? 'an error' : `${result.configErrors.length} errors`}; fix it and run again.\n`);
    return EXIT_USAGE;
  }

  const color = format === 'text' && io.stdoutIsTTY && !io.env.NO_COLOR;
  io.stdout(CHECK_FORMATS[format](result, { cwd: io.cwd, rules: deps.rules, color }));
  return exitStatus(result.findings, result.errors, failOn);
}

/** 1 when an unsuppressed finding is at or above `failOn`; input errors (unreadable files, syntax errors) count as errors. */
export function exitStatus(findings: readonly Finding[], errors: readonly InputError[], failOn: FailOn): number {
  if (failOn === 'never') return EXIT_OK;
  const threshold = SEVERITY_RANK[failOn];
  if (errors.length && SEVERITY_RANK.error >= threshold) return EXIT_FINDINGS;
  return findings.some((f) => !f.suppression && SEVERITY_RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}

/** `path:line:col: message` — the shape editors and terminals make clickable. */
function describeInputError(cwd: string, e: InputError): string {
  const where = e.range ? `${displayPath(cwd, e.file)}:${e.range.start.line}:${e.range.start.column}` : displayPath(cwd, e.file);
  return `${where}: error: ${e.message}`;
}
