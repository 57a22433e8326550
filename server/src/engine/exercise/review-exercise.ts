import { join, resolve } from 'node:path';
import { analyzeWorkspace, type AnalysisResult } from '../analyze.js';
import { NodeFileHost, type DirEntry, type FileHost } from '../host.js';
import type { Rule } from '../rules/rule.js';
import { PREVIOUS_VERSION_FOLDER } from './exercise-files.js';

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
  const host = new WithoutPreviousVersion(root);
  const baseDir = join(root, PREVIOUS_VERSION_FOLDER);
  const hasBase = host.readDirectory(baseDir) !== undefined;
  const common = { ...(options.rules ? { rules: options.rules } : {}), ...(options.now ? { now: options.now } : {}) };
  if (!hasBase) return analyzeWorkspace({ cwd: root, host, fixes: 'none', ...common });
  const base = analyzeWorkspace({ cwd: baseDir, rules: [], keepModules: true, fixes: 'none' });
  const previous = base.analyses.find((a) => a.module.dir === baseDir)?.module;
  return analyzeWorkspace({ cwd: root, host, fixes: 'none', baseModuleFor: (d) => (d === root ? previous : undefined), ...common });
}

/** The exercise without its `base/` folder, which is not a module of its own. */
class WithoutPreviousVersion implements FileHost {
  private readonly inner: FileHost;
  constructor(readonly workspaceRoot: string) {
    this.inner = new NodeFileHost(workspaceRoot);
  }
  readText(path: string, maxBytes?: number) {
    return this.inner.readText(path, maxBytes);
  }
  readDirectory(path: string): DirEntry[] | undefined {
    const entries = this.inner.readDirectory(path);
    return path === this.workspaceRoot ? entries?.filter((e) => e.name !== PREVIOUS_VERSION_FOLDER) : entries;
  }
}
