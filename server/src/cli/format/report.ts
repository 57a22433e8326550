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

export function displayPath(cwd: string, absPath: string): string {
  const rel = relative(cwd, absPath) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export function activeFindings(report: CheckReport): Finding[] {
  return sortFindings(report.findings.filter((f) => !f.suppression));
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
