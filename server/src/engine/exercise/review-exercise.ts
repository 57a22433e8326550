import { resolve } from 'node:path';
import { analyzeWorkspace, type AnalysisResult } from '../analyze.js';
import { previousVersionOptions } from '../change/previous-version.js';
import type { Rule } from '../rules/rule.js';

export interface ExerciseReviewOptions {
  rules?: readonly Rule<any>[];
  now?: Date;
}

/**
 * What the engine finds in an exercise folder (the interviewer's view, and
 * the check that a pack's key is findable). When the folder has a `base/`
 * previous version, the exercise is reviewed as the change from it, so the
 * diff-only rules (a rename without a `moved` block, a replaced database) run.
 */
export function reviewExercise(dir: string, options: ExerciseReviewOptions = {}): AnalysisResult {
  const root = resolve(dir);
  const common = { ...(options.rules ? { rules: options.rules } : {}), ...(options.now ? { now: options.now } : {}) };
  return analyzeWorkspace({ cwd: root, fixes: 'none', ...previousVersionOptions(root), ...common });
}
