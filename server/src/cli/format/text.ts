import { inertLineStart, inertText } from '../../engine/inert-text.js';
import { describeRoleCounts } from '../../engine/roles/module-role.js';
import type { Severity } from '../../engine/severity.js';
import { activeFindings, countBySeverity, displayPath, plural, suppressedFindings, type CheckFormatter } from './report.js';

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m' };
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

/**
 * Compiler-style lines: `path:line:col  severity  rule-id  message`, then
 * input errors, then a summary. File names and messages (which quote the
 * reviewed code) are printed as inert text (see inert-text.ts): one finding
 * is one line, and nothing in it moves the cursor, colours the terminal or
 * reads as a CI command.
 */
export const formatText: CheckFormatter = (report, { cwd, color }) => {
  const paint = (code: string, text: string) => (color ? `${code}${text}${ANSI.reset}` : text);
  const lines: string[] = [];
  const findings = activeFindings(report);
  const wheres = findings.map((f) => inertLineStart(inertText(`${displayPath(cwd, f.file)}:${f.range.start.line}:${f.range.start.column}`)));
  let whereWidth = 0;
  let ruleWidth = 0;
  findings.forEach((f, i) => {
    whereWidth = Math.max(whereWidth, wheres[i]!.length);
    ruleWidth = Math.max(ruleWidth, f.ruleId.length);
  });
  findings.forEach((f, i) => {
    const where = paint(ANSI.bold, wheres[i]!.padEnd(whereWidth));
    const severity = paint(SEVERITY_COLOR[f.severity], f.severity.padEnd(7));
    lines.push(`${where}  ${severity}  ${paint(ANSI.dim, inertText(f.ruleId).padEnd(ruleWidth))}  ${inertText(f.message)}`);
  });
  if (report.errors.length) {
    if (lines.length) lines.push('');
    for (const e of report.errors) {
      const where = e.range
        ? `${displayPath(cwd, e.file)}:${e.range.start.line}:${e.range.start.column}`
        : displayPath(cwd, e.file);
      lines.push(`${paint(ANSI.bold, inertLineStart(inertText(where)))}  ${paint(ANSI.red, 'error  ')}  ${paint(ANSI.dim, 'input')}  ${inertText(e.message)}`);
    }
  }
  if (lines.length) lines.push('');
  lines.push(summaryLine(report, findings.length, countBySeverity(findings), suppressedFindings(report).length, paint));
  return lines.join('\n') + '\n';
};

function summaryLine(
  report: Parameters<CheckFormatter>[0],
  total: number,
  counts: Record<Severity, number>,
  suppressed: number,
  paint: (code: string, text: string) => string,
): string {
  const roles = report.moduleRoles?.length ? ` (${describeRoleCounts(report.moduleRoles.map((m) => m.role))})` : '';
  const scope = `${plural(report.files.length, 'file')} in ${plural(report.modules.length, 'module')}${roles}`;
  const extras: string[] = [];
  if (suppressed) extras.push(`${suppressed} suppressed`);
  if (report.errors.length) extras.push(paint(ANSI.red, plural(report.errors.length, 'input error')));
  const tail = extras.length ? `; ${extras.join(', ')}` : '';
  if (total === 0) return `No problems found in ${scope}${tail}.`;
  const breakdown = `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info`;
  const head = paint(counts.error ? ANSI.red : counts.warning ? ANSI.yellow : ANSI.cyan, plural(total, 'problem'));
  return `${head} (${breakdown}) in ${scope}${tail}.`;
}
