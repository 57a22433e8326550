import type { Severity } from '../../engine/severity.js';
import {
  activeFindings,
  countBySeverity,
  displayPath,
  plural,
  SEVERITIES_DESCENDING,
  suppressedFindings,
  type CheckFormatter,
} from './report.js';
import { inlineMarkdown as inline, markdownCode as code, markdownLinkTarget as linkTarget } from '../../engine/markdown-text.js';
import { groupBy } from '../../engine/group-by.js';

const BADGE: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

/**
 * A report a reviewer pastes into a pull request: summary table, findings
 * grouped by file, suppressions for the audit trail. File names and messages
 * come from the reviewed code and are written as inert text (see
 * markdown-text.ts); grouping is one pass over the sorted findings.
 */
export const formatMarkdown: CheckFormatter = (report, { cwd }) => {
  const findings = activeFindings(report);
  const suppressed = suppressedFindings(report);
  const counts = countBySeverity(findings);
  const out: string[] = ['## IaC Review', ''];
  const scope = `${plural(report.files.length, 'file')} in ${plural(report.modules.length, 'module')}`;

  if (findings.length === 0) {
    out.push(`✅ No problems found in ${scope}.`);
  } else {
    const breakdown = SEVERITIES_DESCENDING.filter((s) => counts[s] > 0)
      .map((s) => plural(counts[s], s, s === 'info' ? 'info' : `${s}s`))
      .join(', ');
    out.push(`${counts.error ? '❌' : '⚠️'} **${plural(findings.length, 'finding')}** (${breakdown}) in ${scope}.`);
  }
  if (suppressed.length) out.push('', `${plural(suppressed.length, 'finding')} suppressed with a reason (listed below).`);
  if (report.errors.length) out.push('', `⚠️ ${plural(report.errors.length, 'input error')}: those files were not fully reviewed (listed below).`);
  if (report.planNotes?.length) {
    out.push('', 'Plan notes (parts of the plan the review could not use):', '');
    // A plan of other code can hold thousands of addresses the code lacks: the first ones, and where the rest are.
    for (const note of report.planNotes.slice(0, 10)) out.push(`- ${inline(note)}`);
    if (report.planNotes.length > 10) out.push(`- … and ${report.planNotes.length - 10} more (the JSON and SARIF reports list them all).`);
  }

  if (findings.length) {
    out.push('', '| Category | 🔴 Error | 🟠 Warning | 🔵 Info | Total |', '|---|---:|---:|---:|---:|');
    const byCategory = groupBy(findings, (f) => f.category);
    for (const category of [...byCategory.keys()].sort()) {
      const list = byCategory.get(category)!;
      const c = countBySeverity(list);
      out.push(`| ${cell(category)} | ${c.error} | ${c.warning} | ${c.info} | ${list.length} |`);
    }
    out.push(`| **Total** | **${counts.error}** | **${counts.warning}** | **${counts.info}** | **${findings.length}** |`);

    for (const [file, list] of groupBy(findings, (f) => f.file)) {
      const path = displayPath(cwd, file);
      out.push('', `### ${code(path)}`, '', '| Line | Severity | Rule | Finding |', '|---:|---|---|---|');
      for (const f of list) {
        const line = f.range.start.line;
        out.push(`| [${line}](${linkTarget(path)}#L${line}) | ${BADGE[f.severity]} | ${cellCode(f.ruleId)} | ${cell(f.message)} |`);
      }
    }
  }

  if (suppressed.length) {
    out.push('', `<details><summary>${plural(suppressed.length, 'suppressed finding')}</summary>`, '');
    out.push('| Location | Rule | Reason | Until |', '|---|---|---|---|');
    for (const f of suppressed) {
      const path = displayPath(cwd, f.file);
      const line = f.range.start.line;
      out.push(
        `| [${cell(`${path}:${line}`)}](${linkTarget(path)}#L${line}) | ${cellCode(f.ruleId)} | ${cell(f.suppression!.reason)} | ${f.suppression!.until === undefined ? '—' : cell(f.suppression!.until)} |`,
      );
    }
    out.push('', '</details>');
  }

  if (report.errors.length) {
    out.push('', '### Input errors', '');
    for (const e of report.errors) {
      const path = displayPath(cwd, e.file);
      const where = e.range ? `[${code(`${path}:${e.range.start.line}`)}](${linkTarget(path)}#L${e.range.start.line})` : code(path);
      out.push(`- ${where}: ${inline(e.message)}`);
    }
  }
  return out.join('\n') + '\n';
};

/** Text inside a table cell: inert, and no `|` that would split the cell. */
function cell(text: string): string {
  return inline(text, { table: true });
}

/** Code inside a table cell (a rule id): GFM splits cells on `|` before it reads code spans. */
function cellCode(text: string): string {
  return code(text).replace(/\|/g, '\\|');
}
