import type { Severity } from '../../engine/severity.js';
import { activeFindings, countBySeverity, displayPath, plural, type CheckFormatter } from './report.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions workflow commands: one annotation per finding and input error. */
export const formatGithub: CheckFormatter = (report, { cwd }) => {
  const lines: string[] = [];
  const findings = activeFindings(report);
  for (const f of findings) {
    const props = [
      `file=${escapeProperty(displayPath(cwd, f.file))}`,
      `line=${f.range.start.line}`,
      `col=${f.range.start.column}`,
      `endLine=${f.range.end.line}`,
      `endColumn=${f.range.end.column}`,
      `title=${escapeProperty(f.ruleId)}`,
    ];
    lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
  }
  for (const e of report.errors) {
    const props = [`file=${escapeProperty(displayPath(cwd, e.file))}`];
    if (e.range) props.push(`line=${e.range.start.line}`, `col=${e.range.start.column}`);
    props.push(`title=${escapeProperty('iac-review: input error')}`);
    lines.push(`::error ${props.join(',')}::${escapeData(e.message)}`);
  }
  const counts = countBySeverity(findings);
  lines.push(
    `iac-review: ${plural(findings.length, 'finding')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info), ${plural(report.errors.length, 'input error')}`,
  );
  return lines.join('\n') + '\n';
};

/** The message part of a workflow command (see actions/toolkit `command.ts`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A `key=value` property of a workflow command: also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
