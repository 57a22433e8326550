import { resolve } from 'node:path';
import { NodeFileHost, type FileHost } from '../host.js';
import type { AnswerKey, KeyProblem } from './answer-key.js';
import { locateBlock } from './block-locator.js';
import { readExerciseSources, type ExerciseSources } from './exercise-files.js';
import { reviewComments, type ReviewComment } from './review-comments.js';
import { namesCategory } from './vocabulary.js';
import { attribute, type AttributionEdge } from './attribution.js';
import { namesSubject, problemSubjects, subjectMatches } from './subjects.js';

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
  /** 0–100: found weight over total weight, rounded to an integer (SCORE_FORMULA). */
  score: number;
  foundWeight: number;
  totalWeight: number;
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

/** How the score is computed, as the report states it. */
export const SCORE_FORMULA = 'score = round(100 × found weight ÷ total weight); each problem counts once, each comment credits one problem';

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
 * When problems share a block and a category, the comment must also name a
 * subject that tells its problem apart from the others (subjects.ts): "too
 * broad" above a policy with an sqs and a dynamodb problem answers neither.
 * Each comment answers at most one problem and each problem counts once; the
 * attribution maximises the found weight, then the subjects named.
 */
export function scoreExercise(dir: string, key: AnswerKey, options: ScoreOptions = {}): ExerciseScore {
  const root = resolve(dir);
  const sources = readExerciseSources(root, options.host ?? new NodeFileHost(root));
  const comments = sources.files.flatMap(reviewComments);
  const regions = key.problems.map((p) => regionOf(p, sources));

  const subjects = key.problems.map((p) => problemSubjects(p));
  const edges = answerEdges(key.problems, subjects, regions, comments, sources);
  const answeredBy = attribute(key.problems.length, comments.length, edges);
  const candidates = key.problems.map((_, i) => edges.filter((e) => e.problem === i).map((e) => e.comment));

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
    foundWeight,
    totalWeight: total,
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
 * The comments that may answer each problem: inside its region, naming its
 * category and — where it shares block and category with others — one of its
 * distinguishing subjects.
 */
function answerEdges(
  problems: readonly KeyProblem[],
  subjects: readonly string[][],
  regions: readonly (Region | undefined)[],
  comments: readonly ReviewComment[],
  sources: ExerciseSources,
): AttributionEdge[] {
  const edges: AttributionEdge[] = [];
  problems.forEach((problem, i) => {
    const region = regions[i];
    if (!region) return;
    const siblings = problems
      .map((other, j) => ({ other, j }))
      .filter(({ other, j }) => j !== i && other.category === problem.category && sameBlock(regions[j], region));
    const siblingSubjects = new Set(siblings.flatMap(({ j }) => subjects[j]!));
    const distinct = subjects[i]!.filter((s) => !siblingSubjects.has(s));
    // Subjects only a sibling has: a comment naming them (and none of this problem's own) is about the sibling.
    const ownSet = new Set(subjects[i]!);
    const siblingsDistinct = siblings.flatMap(({ j }) => subjects[j]!.filter((s) => !ownSet.has(s)));
    comments.forEach((c, ci) => {
      if (sources.relativePath(c.file) !== region.file || c.line < region.from || c.line > region.to) return;
      if (!namesCategory(c.text, problem.category)) return;
      if (siblings.length > 0) {
        const tellsApart =
          distinct.length > 0
            ? distinct.some((s) => namesSubject(c.text, s))
            : // Nothing in the key tells this problem apart: the comment names one of its subjects and none only a neighbour has.
              subjects[i]!.some((s) => namesSubject(c.text, s)) && !siblingsDistinct.some((s) => namesSubject(c.text, s));
        if (!tellsApart) return;
      }
      edges.push({ problem: i, comment: ci, weight: problem.weight, matches: subjectMatches(c.text, subjects[i]!) });
    });
  });
  return edges;
}

function sameBlock(a: Region | undefined, b: Region): boolean {
  return a !== undefined && a.file === b.file && a.start === b.start && a.to === b.to;
}
