import { braceExpand } from 'minimatch';

/**
 * Bounds on the globs of `.iac-review.json` (`include`, `exclude`,
 * `overrides[].files`). minimatch matches them without backtracking, but it
 * first expands braces: `{a,b}` twenty times over is a million patterns
 * (minimatch stops at 100,000 — a second and hundreds of megabytes per glob,
 * and 100,000 comparisons per file). The config is part of the reviewed
 * repository, so such a glob is a configuration error instead.
 */

/** Most patterns one glob may expand to. */
export const MAX_GLOB_EXPANSION = 1000;
/** Longest glob accepted (it also bounds the work of counting its expansions). */
export const MAX_GLOB_LENGTH = 1000;

/** Why a glob is refused, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `is ${glob.length} characters long; at most ${MAX_GLOB_LENGTH} are accepted`;
  // minimatch's own expansion, stopped one past the limit: the count is exact and costs little.
  let expansions: number;
  try {
    expansions = braceExpand(glob, { braceExpandMax: MAX_GLOB_EXPANSION + 1 }).length;
  } catch (e) {
    return `cannot be read as a glob: ${(e as Error)?.message ?? String(e)}`;
  }
  if (expansions > MAX_GLOB_EXPANSION) return `expands to more than ${MAX_GLOB_EXPANSION} patterns through its {…} braces`;
  return undefined;
}
