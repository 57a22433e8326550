import { relative, resolve, sep } from 'node:path';
import type { Finding } from '../finding.js';
import type { AnswerKey, KeyProblem } from './answer-key.js';

/** How the engine's findings on an unedited exercise line up with its key. */
export interface KeyCoverage {
  /** Each key problem with the finding that covers it (of its rule id, or category, inside its block). */
  covered: Array<{ problem: KeyProblem; finding: Finding }>;
  /** Key problems no finding covers: the key promises something the engine cannot show. */
  uncovered: KeyProblem[];
  /** Findings no key problem accounts for: problems the key does not list. */
  unexpected: Finding[];
}

/**
 * Matches findings to key problems: a finding covers a problem when it is in
 * the problem's file, starts within its `lines`, and has its rule id (or, for
 * a problem that names only a category, that category). Each finding covers
 * one problem and each problem needs its own finding; a further finding of the
 * same rule inside an already covered block also belongs to that problem (one
 * problem, reported in two places). Suppressed findings do not count.
 */
export function keyCoverage(dir: string, key: AnswerKey, findings: readonly Finding[]): KeyCoverage {
  const root = resolve(dir);
  const rel = (f: Finding) => relative(root, f.file).split(sep).join('/');
  const live = findings.filter((f) => !f.suppression);
  const fits = (p: KeyProblem, f: Finding) =>
    rel(f) === p.file && f.range.start.line >= p.lines[0] && f.range.start.line <= p.lines[1] && (p.ruleId ? f.ruleId === p.ruleId : f.category === p.category);

  const used = new Set<Finding>();
  const covered: KeyCoverage['covered'] = [];
  const uncovered: KeyProblem[] = [];
  for (const problem of key.problems) {
    const finding = live.find((f) => !used.has(f) && fits(problem, f));
    if (finding) {
      used.add(finding);
      covered.push({ problem, finding });
    } else uncovered.push(problem);
  }
  const unexpected = live.filter((f) => !used.has(f) && !covered.some((c) => fits(c.problem, f)));
  return { covered, uncovered, unexpected };
}
