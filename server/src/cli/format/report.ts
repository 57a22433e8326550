import { relative, sep } from 'node:path';
import { inertLineStart, inertText } from '../../engine/inert-text.js';
import type { Finding, InputError } from '../../engine/finding.js';
import type { RuleMeta } from '../../engine/rules/rule.js';
import type { ModuleRoleAssignment } from '../../engine/roles/module-role.js';
import { SEVERITY_RANK, type Severity } from '../../engine/severity.js';

/** What a `check` output format receives (a subset of the analysis result). */
export interface CheckReport {
  findings: readonly Finding[];
  errors: readonly InputError[];
  /** Absolute paths of the analysed files and module directories. */
  files: readonly string[];
  modules: readonly string[];
  /** Each module's role (SPEC §2a); absent when the review assigned none. */
  moduleRoles?: readonly ModuleRoleAssignment[];
  /** With `--plan`: what of the plan the review could not use (SPEC §10); absent without a plan. */
  planNotes?: readonly string[];
}

export interface FormatContext {
  /** Paths in the output are relative to this directory, with `/` separators. */
  cwd: string;
  /** The rule catalog (SARIF rules, markdown titles). */
  rules: readonly RuleMeta[];
  /** ANSI colours (text format only). */
  color: boolean;
}

export type CheckFormatter = (report: CheckReport, context: FormatContext) => string;

/** displayPath's answers for one working directory (a report names the same few files thousands of times). */
const displayed = { cwd: '', paths: new Map<string, string>() };
/** Paths kept at most: a review of a large workspace names each of its files; the map is emptied when full. */
const MAX_DISPLAYED_PATHS = 10_000;

export function displayPath(cwd: string, absPath: string): string {
  if (displayed.cwd !== cwd) {
    displayed.cwd = cwd;
    displayed.paths.clear();
  }
  let shown = displayed.paths.get(absPath);
  if (shown === undefined) {
    // path.relative resolves both paths again at every call: 8 of the 74 ms that formatting 7,147 findings as JSON took.
    const rel = relative(cwd, absPath) || '.';
    shown = sep === '/' ? rel : rel.split(sep).join('/');
    if (displayed.paths.size >= MAX_DISPLAYED_PATHS) displayed.paths.clear();
    displayed.paths.set(absPath, shown);
  }
  return shown;
}

export function activeFindings(report: CheckReport): Finding[] {
  return sortFindings(report.findings.filter((f) => !f.suppression));
}

/** How many findings are not suppressed (activeFindings without the sort). */
export function activeCount(report: CheckReport): number {
  let n = 0;
  for (const f of report.findings) if (!f.suppression) n++;
  return n;
}

export function suppressedFindings(report: CheckReport): Finding[] {
  return sortFindings(report.findings.filter((f) => f.suppression));
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export const SEVERITIES_DESCENDING: readonly Severity[] = (Object.keys(SEVERITY_RANK) as Severity[]).sort(
  (a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a],
);

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** `path:line:col: error: message` — the shape editors and terminals make clickable; one line of inert text whatever the file is called. */
export function describeInputError(cwd: string, e: InputError): string {
  const where = e.range ? `${displayPath(cwd, e.file)}:${e.range.start.line}:${e.range.start.column}` : displayPath(cwd, e.file);
  return inertLineStart(inertText(`${where}: error: ${e.message}`));
}
