import type { Finding, InputError } from '../../engine/finding.js';
import type { Range } from '../../engine/range.js';
import { TOOL_NAME, TOOL_VERSION } from '../tool-info.js';
import { jsonText } from './json-text.js';
import { activeFindings, displayPath, sortFindings, type CheckFormatter } from './report.js';

/** SPEC §6 `json` (version 1). Suppressed findings stay in, marked, as audit evidence. */
export const formatJson: CheckFormatter = (report, { cwd }) => {
  const findings = sortFindings(report.findings);
  const output = {
    version: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    findings: findings.map((f) => jsonFinding(f, cwd)),
    errors: report.errors.map((e) => jsonError(e, cwd)),
    modules: (report.moduleRoles ?? []).map((m) => ({ dir: displayPath(cwd, m.dir), role: m.role })),
    ...(report.planNotes ? { planNotes: [...report.planNotes] } : {}),
    summary: {
      files: report.files.length,
      modules: report.modules.length,
      findings: activeFindings(report).length,
      suppressed: findings.length - activeFindings(report).length,
    },
  };
  return jsonText(output);
};

function jsonFinding(f: Finding, cwd: string) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.category,
    message: f.message,
    file: displayPath(cwd, f.file),
    range: jsonRange(f.range),
    ...(f.address !== undefined ? { address: f.address } : {}),
    suppressed: f.suppression !== undefined,
    ...(f.suppression
      ? { suppression: { reason: f.suppression.reason, ...(f.suppression.until ? { until: f.suppression.until } : {}) } }
      : {}),
    fixable: f.fix !== undefined,
  };
}

function jsonError(e: InputError, cwd: string) {
  // `kind` lets CI tell a rule that ran out of its time budget (`internal`) from a file it refused to read (`unreadable`).
  return { file: displayPath(cwd, e.file), message: e.message, ...(e.range ? { range: jsonRange(e.range) } : {}), kind: e.kind };
}

export function jsonRange(range: Range) {
  return {
    start: { line: range.start.line, column: range.start.column },
    end: { line: range.end.line, column: range.end.column },
  };
}
