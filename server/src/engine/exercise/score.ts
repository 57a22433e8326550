import { resolve } from 'node:path';
import { NodeFileHost, type FileHost } from '../host.js';
import type { AnswerKey, KeyProblem } from './answer-key.js';
import { locateBlock } from './block-locator.js';
import { readExerciseSources, type ExerciseSources } from './exercise-files.js';
import { reviewComments, type ReviewComment } from './review-comments.js';
import { namesCategory } from './vocabulary.js';

export interface ScoreOptions {
  /** Where files come from (an editor passes its unsaved buffers); default: the file system. */
  host?: FileHost;
}

/** One REVIEW comment, as reported: folder-relative file, line, text. */
export interface ScoredComment {
  file: string;
  line: number;
  text: string;
}

export interface ProblemResult {
  id: string;
  ruleId?: string;
  category: string;
  file: string;
  address: string;
  weight: number;
  found: boolean;
  /** The comment that answered it (null when missed). */
  comment: string | null;
  /** Where that comment is. */
  at?: { file: string; line: number };
  /** Where the problem's block is in the candidate's files (undefined when the block is gone). */
  block?: { file: string; lines: [number, number] };
  explanation: string;
  refactor: string;
}

export interface CategoryTally {
  found: number;
  missed: number;
}

/** SPEC §8 score of one exercise folder. */
export interface ExerciseScore {
  version: 1;
  /** 0–100: found weight over total weight, rounded to an integer. */
  score: number;
  found: number;
  missed: number;
  falseAlarms: number;
  byCategory: Record<string, CategoryTally>;
  problems: ProblemResult[];
  /** REVIEW comments that answer no problem (wrong place, or words that name no problem there). */
  falseAlarmComments: ScoredComment[];
  /** REVIEW comments that name a found problem a second time (neither counted nor a false alarm). */
  duplicateComments: ScoredComment[];
}

/** A problem's answer region in the candidate's files: its block plus the comment lines directly above it. */
interface Region {
  file: string;
  from: number;
  to: number;
  start: number;
}

/**
 * Scores an exercise folder against its key (SPEC §8). A REVIEW comment answers
 * a problem when it lies inside the problem's block (found by address in the
 * candidate's edited files, so added lines never shift the key) or in the
 * comment lines directly above it, and its words name the problem's category.
 * Each comment answers at most one problem and each problem counts once; among
 * the possible attributions the one with the highest found weight is taken.
 */
export function scoreExercise(dir: string, key: AnswerKey, options: ScoreOptions = {}): ExerciseScore {
  const root = resolve(dir);
  const sources = readExerciseSources(root, options.host ?? new NodeFileHost(root));
  const comments = sources.files.flatMap(reviewComments);
  const regions = key.problems.map((p) => regionOf(p, sources));

  // candidates[i] = indexes of the comments that could answer problem i.
  const candidates = key.problems.map((problem, i) => {
    const region = regions[i];
    if (!region) return [];
    return comments
      .map((c, ci) => ({ c, ci }))
      .filter(({ c }) => sources.relativePath(c.file) === region.file && c.line >= region.from && c.line <= region.to && namesCategory(c.text, problem.category))
      .map(({ ci }) => ci);
  });
  const answeredBy = maxWeightAttribution(key.problems, candidates, comments.length);

  const scored = (c: ReviewComment): ScoredComment => ({ file: sources.relativePath(c.file), line: c.line, text: c.text });
  const used = new Set(answeredBy.filter((ci): ci is number => ci !== undefined));
  const plausible = new Set(candidates.flat());
  const problems = key.problems.map((p, i): ProblemResult => {
    const ci = answeredBy[i];
    const comment = ci === undefined ? undefined : comments[ci];
    const region = regions[i];
    const result: ProblemResult = {
      id: p.id,
      ...(p.ruleId ? { ruleId: p.ruleId } : {}),
      category: p.category,
      file: p.file,
      address: p.address,
      weight: p.weight,
      found: comment !== undefined,
      comment: comment ? comment.text : null,
      explanation: p.explanation,
      refactor: p.refactor,
    };
    if (comment) result.at = { file: sources.relativePath(comment.file), line: comment.line };
    if (region) result.block = { file: region.file, lines: [region.start, region.to] };
    return result;
  });

  const byCategory: Record<string, CategoryTally> = {};
  for (const category of [...new Set(key.problems.map((p) => p.category))].sort()) byCategory[category] = { found: 0, missed: 0 };
  for (const r of problems) byCategory[r.category]![r.found ? 'found' : 'missed']++;

  const total = key.problems.reduce((s, p) => s + p.weight, 0);
  const foundWeight = problems.reduce((s, r) => s + (r.found ? r.weight : 0), 0);
  const falseAlarmComments = comments.filter((_, ci) => !plausible.has(ci)).map(scored);
  const duplicateComments = comments.filter((_, ci) => plausible.has(ci) && !used.has(ci)).map(scored);
  const found = problems.filter((r) => r.found).length;
  return {
    version: 1,
    score: total === 0 ? 0 : Math.round((100 * foundWeight) / total),
    found,
    missed: problems.length - found,
    falseAlarms: falseAlarmComments.length,
    byCategory,
    problems,
    falseAlarmComments,
    duplicateComments,
  };
}

function regionOf(problem: KeyProblem, sources: ExerciseSources): Region | undefined {
  const preferred = sources.byRelativePath(problem.file);
  const location = locateBlock(sources.files, problem.address, preferred);
  if (location) {
    return { file: sources.relativePath(location.file), from: location.leadingCommentLine, to: location.endLine, start: location.startLine };
  }
  // The block is gone from the candidate's files (deleted, or its address rewritten): the key's lines are the best guess.
  if (!preferred) return undefined;
  return { file: problem.file, from: problem.lines[0], to: problem.lines[1], start: problem.lines[0] };
}

/**
 * Assigns comments to problems, each comment to at most one problem, so that
 * the found weight is as large as possible. Sets of problems that can be
 * answered at once form a transversal matroid, so taking problems by
 * decreasing weight and keeping each one an augmenting path can still match is
 * optimal. Ties keep key order, so the result is deterministic.
 */
function maxWeightAttribution(problems: readonly KeyProblem[], candidates: readonly number[][], commentCount: number): (number | undefined)[] {
  const problemOfComment = new Array<number | undefined>(commentCount).fill(undefined);
  const commentOfProblem = new Array<number | undefined>(problems.length).fill(undefined);
  const order = problems.map((_, i) => i).sort((a, b) => problems[b]!.weight - problems[a]!.weight || a - b);
  const augment = (p: number, seen: Set<number>): boolean => {
    for (const c of candidates[p]!) {
      if (seen.has(c)) continue;
      seen.add(c);
      const holder = problemOfComment[c];
      if (holder === undefined || augment(holder, seen)) {
        problemOfComment[c] = p;
        commentOfProblem[p] = c;
        return true;
      }
    }
    return false;
  };
  for (const p of order) augment(p, new Set());
  return commentOfProblem;
}
