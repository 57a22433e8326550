import { DiagnosticSeverity, type Diagnostic, type Range as LspRange } from 'vscode-languageserver';
import type { Finding, InputError, InputErrorKind } from '../engine/finding.js';
import type { Range } from '../engine/range.js';
import type { Severity } from '../engine/severity.js';
import { pathToUri } from './uri.js';

export const DIAGNOSTIC_SOURCE = 'iac-review';

/** Diagnostic codes of problems with the input itself (a finding's code is its rule id). */
export const INPUT_ERROR_CODES: Record<InputErrorKind, string> = {
  syntax: 'syntax-error',
  unreadable: 'unreadable-file',
  config: 'config-error',
  internal: 'internal-error',
  missing: 'missing-file',
  'module-cycle': 'module-cycle',
  'module-limit': 'module-limit',
};

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Engine ranges are 1-based line and column (UTF-16 units); LSP positions are 0-based. */
export function toLspRange(range: Range): LspRange {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

export function findingDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: pathToUri(r.file), range: toLspRange(r.range) },
      message: r.message,
    }));
  }
  return diagnostic;
}

/**
 * The link a diagnostic's code opens (`codeDescription.href`): a `command:`
 * URI running "Show Rule Documentation" for the rule. VS Code's Problems
 * panel and its hover open code links with commands allowed, so the page
 * opens in the editor, offline, in the version of the rules that made the
 * finding (the rule reference is not shipped as a file, and a web URL could
 * describe another version).
 */
export function ruleDocumentationHref(ruleId: string): string {
  return `command:${SHOW_RULE_DOCUMENTATION_COMMAND}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
}

/** The command the VS Code extension implements to show a rule's documentation. */
export const SHOW_RULE_DOCUMENTATION_COMMAND = 'iacReview.showRuleDocumentation';

/** A finding's diagnostic with its code linked to the rule's documentation (input errors have no rule: unchanged). */
export function withRuleDocumentationLink(diagnostic: Diagnostic, isRule: (code: string) => boolean): Diagnostic {
  const code = diagnostic.code;
  if (typeof code !== 'string' || !isRule(code)) return diagnostic;
  return { ...diagnostic, codeDescription: { href: ruleDocumentationHref(code) } };
}

const FILE_START: LspRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function inputErrorDiagnostic(error: InputError): Diagnostic {
  return {
    range: error.range ? toLspRange(error.range) : FILE_START,
    // A rule that threw is our bug, not the user's: shown, but not as an error in their code.
    severity: error.kind === 'internal' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: INPUT_ERROR_CODES[error.kind],
    message: error.message,
  };
}

/**
 * Each finding's diagnostic, made once: the editor's incremental review
 * (engine/incremental/rule-memory.ts) hands the same finding objects to
 * review after review, and a 2 MB file has thousands. Reused only while what
 * it shows is the same objects and values.
 */
const made = new WeakMap<Finding, { diagnostic: Diagnostic; range: Range; severity: Severity; message: string; related: Finding['related'] }>();

function diagnosticOf(finding: Finding): Diagnostic {
  const known = made.get(finding);
  if (known && known.range === finding.range && known.severity === finding.severity && known.message === finding.message && known.related === finding.related) {
    return known.diagnostic;
  }
  const diagnostic = findingDiagnostic(finding);
  made.set(finding, { diagnostic, range: finding.range, severity: finding.severity, message: finding.message, related: finding.related });
  return diagnostic;
}

/** Active (not suppressed) findings and input errors as diagnostics, grouped by file. */
export function diagnosticsByFile(findings: readonly Finding[], errors: readonly InputError[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  const add = (file: string, d: Diagnostic) => {
    const list = byFile.get(file);
    if (list) list.push(d);
    else byFile.set(file, [d]);
  };
  for (const f of findings) if (!f.suppression) add(f.file, diagnosticOf(f));
  for (const e of errors) add(e.file, inputErrorDiagnostic(e));
  return byFile;
}
