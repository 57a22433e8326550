import type { Finding, InputError } from '../../engine/finding.js';
import type { Range } from '../../engine/range.js';
import { TOOL_NAME, TOOL_VERSION } from '../tool-info.js';
import { jsonText } from './json-text.js';
import { activeCount, displayPath, sortFindings, type CheckFormatter } from './report.js';

/** SPEC §6 `json` (version 1). Suppressed findings stay in, marked, as audit evidence. */
export const formatJson: CheckFormatter = (report, { cwd }) => {
  const findings = sortFindings(report.findings);
  const active = activeCount(report);
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
      findings: active,
      suppressed: findings.length - active,
    },
  };
  return jsonText(output);
};

/** The finding's fields in the order SPEC §6 prints them, the optional ones added in place: spreads per finding took 15 of the 74 ms of a 7,147-finding report. */
function jsonFinding(f: Finding, cwd: string) {
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.category,
    message: f.message,
    file: displayPath(cwd, f.file),
    range: jsonRange(f.range),
  };
  if (f.address !== undefined) out.address = f.address;
  out.suppressed = f.suppression !== undefined;
  if (f.suppression) out.suppression = f.suppression.until ? { reason: f.suppression.reason, until: f.suppression.until } : { reason: f.suppression.reason };
  out.fixable = f.fix !== undefined;
  return out;
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
