import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExerciseFolderIndex, writeExerciseMarker } from '../../server/src/engine/exercise/exercise-marker.js';
import { workspaceRootFinder } from '../../server/src/engine/workspace-root.js';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** repo/.git, repo/ex (marked) with ex/a/b and ex/c, repo/plain/d; a marker above the repository in `outer`. */
function tree(): { outer: string; repo: string } {
  const outer = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-folder-index-')));
  made.push(outer);
  const repo = join(outer, 'repo');
  for (const d of ['.git', 'ex/a/b', 'ex/c', 'plain/d']) mkdirSync(join(repo, d), { recursive: true });
  writeExerciseMarker(join(repo, 'ex'), 'exercise-0123456789abcdef');
  writeExerciseMarker(outer, 'exercise-fedcba9876543210');
  return { outer, repo };
}

describe('ExerciseFolderIndex over a workspace', () => {
  it('finds the marked ancestor from any depth, whichever folder is asked first, and never one above the repository', () => {
    const { repo } = tree();
    const index = new ExerciseFolderIndex(workspaceRootFinder());
    expect(index.exerciseOf(join(repo, 'ex/a/b'))).toBe(join(repo, 'ex'));
    expect(index.exerciseOf(join(repo, 'ex/a'))).toBe(join(repo, 'ex'));
    expect(index.exerciseOf(join(repo, 'ex/c'))).toBe(join(repo, 'ex'));
    expect(index.exerciseOf(join(repo, 'ex'))).toBe(join(repo, 'ex'));
    // The marker in the folder above the repository is outside the workspace: not read, silences nothing.
    expect(index.exerciseOf(join(repo, 'plain/d'))).toBeUndefined();
    expect(index.exerciseOf(repo)).toBeUndefined();
    expect(index.covers(join(repo, 'ex/a/b/main.tf'))).toBe(true);
    expect(index.covers(join(repo, 'plain/main.tf'))).toBe(false);
  });

  it('outside any repository only the folder itself counts', () => {
    const { outer } = tree();
    mkdirSync(join(outer, 'loose/mod'), { recursive: true });
    const index = new ExerciseFolderIndex(workspaceRootFinder());
    expect(index.exerciseOf(join(outer, 'loose/mod'))).toBeUndefined();
    expect(index.exerciseOf(outer)).toBe(outer);
  });
});
