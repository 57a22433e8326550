import { inertText } from '../../engine/inert-text.js';
import type { Severity } from '../../engine/severity.js';
import { activeFindings, countBySeverity, displayPath, plural, type CheckFormatter } from './report.js';

const COMMAND: Record<Severity, AnnotationCommand> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions workflow commands: one annotation per finding and input error. */
export const formatGithub: CheckFormatter = (report, { cwd }) => {
  const lines: string[] = [];
  const findings = activeFindings(report);
  for (const f of findings) {
    lines.push(
      annotation(COMMAND[f.severity], f.message, {
        file: displayPath(cwd, f.file),
        line: f.range.start.line,
        col: f.range.start.column,
        endLine: f.range.end.line,
        endColumn: f.range.end.column,
        title: f.ruleId,
      }),
    );
  }
  for (const e of report.errors) {
    lines.push(annotation('error', e.message, { file: displayPath(cwd, e.file), line: e.range?.start.line, col: e.range?.start.column, title: 'iac-review: input error' }));
  }
  const counts = countBySeverity(findings);
  lines.push(
    `iac-review: ${plural(findings.length, 'finding')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info), ${plural(report.errors.length, 'input error')}`,
  );
  return lines.join('\n') + '\n';
};

export type AnnotationCommand = 'error' | 'warning' | 'notice';

/**
 * One workflow command, `::error file=…,line=…::message`, on one line
 * whatever its text holds (properties are written in the order given).
 */
export function annotation(command: AnnotationCommand, message: string, properties: Record<string, string | number | undefined> = {}): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${command}${props.length ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
}

/**
 * The message part of a workflow command: `%`, CR and LF percent-encoded as
 * the runner decodes them (actions/toolkit `command.ts`), so a message stays
 * one command however many lines it has; every other control character
 * (ESC sequences, BEL, bidi overrides, U+2028…) written as a visible escape,
 * since the runner passes those through to the log as they are.
 */
export function escapeData(text: string): string {
  return inertText(text, '\r\n').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A `key=value` property of a workflow command: also `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
