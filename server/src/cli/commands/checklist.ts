import { analyzeWorkspace, type AnalysisResult } from '../../engine/analyze.js';
import { buildChecklist, type Checklist } from '../../engine/checklist/checklist.js';
import { reviewChange } from '../../engine/change/review-change.js';
import { CHECKLIST_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { formatChecklistJson } from '../format/checklist-json.js';
import { formatChecklistMarkdown } from '../../engine/checklist/markdown.js';
import { EXIT_OK, oneOf, parseCommandArgs } from '../usage.js';
import { plainStderr } from '../stderr-channel.js';
import { gitProblemsAsUsageErrors, planOption, reportConfigErrors, reportPlanError, reviewTarget, withPlanErrors } from './check.js';
import { PlanError, type Plan } from '../../engine/plan/plan-model.js';
import { changeReviewNote, exerciseSilenceNote, silenceChecklistItems } from '../../engine/exercise/silence.js';

const FORMATS = { markdown: formatChecklistMarkdown, json: formatChecklistJson } satisfies Record<string, (c: Checklist) => string>;

/** `iac-review checklist [PATH...] [--base REF] [--plan FILE] [--format markdown|json] [--config FILE]` (SPEC §6, §7, §10). */
export function runChecklist(args: string[], io: CliIO, readPlan: (file: string) => Plan): number {
  const { values, positionals } = parseCommandArgs('checklist', args, {
    format: { type: 'string', short: 'f' },
    config: { type: 'string', short: 'c' },
    base: { type: 'string' },
    plan: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(CHECKLIST_HELP);
    return EXIT_OK;
  }
  const format = oneOf('checklist', 'format', values.format, Object.keys(FORMATS) as Array<keyof typeof FORMATS>, 'markdown');
  const target = reviewTarget('checklist', io.cwd, positionals, values);
  const stderr = plainStderr(io);
  const plan = planOption('checklist', io.cwd, values.plan, readPlan);
  if (plan instanceof PlanError) return reportPlanError('checklist', stderr, plan);
  const options = { ...target, fixes: 'none' as const, ...(plan ? { plan } : {}) };
  const base = values.base;
  const reviewed = withPlanErrors(plan, values.plan, (): { analysis: AnalysisResult; checklist: Checklist } => {
    if (base === undefined) {
      const analysis = analyzeWorkspace({ ...options, keepModules: true });
      return { analysis, checklist: buildChecklist({ cwd: io.cwd, analysis, ...(plan ? { plan } : {}) }) };
    }
    const change = gitProblemsAsUsageErrors('checklist', () => reviewChange({ ...options, base }));
    return { analysis: change.head, checklist: buildChecklist({ cwd: io.cwd, change, ...(plan ? { plan } : {}) }) };
  });
  if (reviewed instanceof PlanError) return reportPlanError('checklist', stderr, reviewed);
  const { analysis, checklist } = reviewed;
  if (analysis.configErrors.length) return reportConfigErrors('checklist', stderr, analysis.configErrors);
  // Files that could not be read or parsed were not fully reviewed: the checklist cannot vouch for them.
  if (analysis.errors.length) {
    stderr.inputErrors(analysis.errors);
    const count = analysis.errors.length === 1 ? 'an input error' : `${analysis.errors.length} input errors`;
    stderr.message(`iac-review checklist: ${count}: those files were not fully reviewed, and the checklist does not cover what could not be read.`);
  }
  // SPEC §8: no items from a candidate's exercise folder (they would give the answers away) — except in a change review (silence.ts).
  const silenced = silenceChecklistItems(checklist, io.cwd, analysis.files);
  const changeReview = values.base !== undefined;
  if (silenced.exerciseFolders.length) stderr.message((changeReview ? changeReviewNote : exerciseSilenceNote)('checklist', silenced.exerciseFolders));
  io.stdout(FORMATS[format](changeReview ? checklist : silenced.result));
  return EXIT_OK;
}
