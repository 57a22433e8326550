import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeWorkspace, type AnalysisResult } from '../../engine/analyze.js';
import { buildChecklist, type Checklist } from '../../engine/checklist/checklist.js';
import { ChangeError, reviewChange } from '../../engine/change/review-change.js';
import { CHECKLIST_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { describeInputError } from '../format/report.js';
import { formatChecklistJson } from '../format/checklist-json.js';
import { formatChecklistMarkdown } from '../../engine/checklist/markdown.js';
import { EXIT_OK, EXIT_USAGE, oneOf, parseCommandArgs, UsageError } from '../usage.js';

const FORMATS = { markdown: formatChecklistMarkdown, json: formatChecklistJson } satisfies Record<string, (c: Checklist) => string>;

/** `iac-review checklist [PATH...] [--base REF] [--format markdown|json] [--config FILE]` (SPEC §6, §7). */
export function runChecklist(args: string[], io: CliIO): number {
  const { values, positionals } = parseCommandArgs('checklist', args, {
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    base: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(CHECKLIST_HELP);
    return EXIT_OK;
  }
  const format = oneOf('checklist', 'format', values.format, Object.keys(FORMATS) as Array<keyof typeof FORMATS>, 'markdown');
  if (values.base !== undefined && values.base.trim() === '') throw new UsageError('--base needs a git ref (a branch, tag or commit).', 'checklist');
  const paths = positionals.length ? positionals : ['.'];
  for (const p of paths) {
    if (!existsSync(resolve(io.cwd, p))) throw new UsageError(`path not found: ${p}`, 'checklist');
  }
  if (values.config !== undefined && !existsSync(resolve(io.cwd, values.config))) {
    throw new UsageError(`configuration file not found: ${values.config}`, 'checklist');
  }

  const options = { cwd: io.cwd, paths, fixes: 'none' as const, ...(values.config !== undefined ? { configFile: resolve(io.cwd, values.config) } : {}) };
  let analysis: AnalysisResult;
  let checklist: Checklist;
  if (values.base === undefined) {
    analysis = analyzeWorkspace({ ...options, keepModules: true });
    checklist = buildChecklist({ cwd: io.cwd, analysis });
  } else {
    try {
      const change = reviewChange({ ...options, base: values.base });
      analysis = change.head;
      checklist = buildChecklist({ cwd: io.cwd, change });
    } catch (e) {
      if (e instanceof ChangeError) throw new UsageError(e.message, 'checklist');
      throw e;
    }
  }
  if (analysis.configErrors.length) {
    io.stderr(analysis.configErrors.map((e) => describeInputError(io.cwd, e)).join('\n') + '\n');
    io.stderr(`iac-review checklist: the configuration has ${analysis.configErrors.length === 1 ? 'an error' : `${analysis.configErrors.length} errors`}; fix it and run again.\n`);
    return EXIT_USAGE;
  }
  // Files that could not be read or parsed were not fully reviewed: the checklist cannot vouch for them.
  if (analysis.errors.length) {
    io.stderr(analysis.errors.map((e) => describeInputError(io.cwd, e)).join('\n') + '\n');
    const count = analysis.errors.length === 1 ? 'an input error' : `${analysis.errors.length} input errors`;
    io.stderr(`iac-review checklist: ${count}: those files were not fully reviewed, and the checklist does not cover what could not be read.\n`);
  }
  io.stdout(FORMATS[format](checklist));
  return EXIT_OK;
}
