import { CodeActionKind, type CodeAction, type Range as LspRange, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { ModuleReview } from '../engine/analyze.js';
import type { TextEdit } from '../engine/finding.js';
import { suppressionFix } from '../engine/fix/suppression-fix.js';
import { replacedByFix } from '../engine/change/force-new.js';
import type { Module } from '../engine/model/module.js';
import { findingDiagnostic, toLspRange } from './diagnostics.js';

export interface CodeActionEnvironment {
  uriOf(path: string): string;
  /** Version of an open document (edits carry it so a stale edit is refused); null when not open. */
  versionOf(path: string): number | null;
  /** Whether the client applies `documentChanges` (versioned edits). */
  documentChanges: boolean;
  /** Commands the client implements (`iacReview.showRuleDocumentation` in the VS Code extension). */
  clientCommands: ReadonlySet<string>;
  /** The module at the base of the change, when the change checks run: a fix that would replace an existing resource says so. */
  baseModule?: Module;
}

export const SHOW_RULE_DOCUMENTATION = 'iacReview.showRuleDocumentation';

/**
 * Quick fixes for the findings on the requested lines: the engine's fix,
 * "Suppress … with reason…" for every rule, and the rule's documentation
 * when the client can show it.
 */
export function codeActionsFor(review: ModuleReview, path: string, range: LspRange, env: CodeActionEnvironment): CodeAction[] {
  const firstLine = range.start.line + 1;
  const lastLine = range.end.line + 1;
  const findings = review.findings.filter(
    (f) => f.file === path && !f.suppression && f.range.start.line <= lastLine && f.range.end.line >= firstLine,
  );
  const actions: CodeAction[] = [];
  const source = [...(review.analysis?.module.files ?? []), ...(review.analysis?.module.varFiles ?? [])].find((f) => f.path === path);
  for (const finding of findings) {
    const diagnostics = [findingDiagnostic(finding)];
    const fix = finding.fix;
    if (fix) {
      // SPEC §7: a fix that forces the replacement of an existing stateful resource says so, and is never preferred.
      const replaces = review.analysis ? replacedByFix(fix, finding.address, review.analysis.module, env.baseModule) : undefined;
      const title = replaces ? `${fix.title} — replaces the existing ${replaces}: Terraform destroys it and creates an empty one` : fix.title;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: !replaces, edit: workspaceEdit(fix.edits, env) });
    }
    if (source) {
      const suppress = suppressionFix(source, finding);
      actions.push({ title: suppress.title, kind: CodeActionKind.QuickFix, diagnostics, edit: workspaceEdit(suppress.edits, env) });
    }
    if (env.clientCommands.has(SHOW_RULE_DOCUMENTATION) && !actions.some((a) => a.command?.arguments?.[0] === finding.ruleId)) {
      const title = `Show documentation for ${finding.ruleId}`;
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, command: { title, command: SHOW_RULE_DOCUMENTATION, arguments: [finding.ruleId] } });
    }
  }
  return actions;
}

function workspaceEdit(edits: readonly TextEdit[], env: CodeActionEnvironment): WorkspaceEdit {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const lspEdits = (list: TextEdit[]) => list.map((e) => ({ range: toLspRange(e.range), newText: e.newText }));
  if (env.documentChanges) {
    const documentChanges: TextDocumentEdit[] = [...byFile].map(([file, list]) => ({
      textDocument: { uri: env.uriOf(file), version: env.versionOf(file) },
      edits: lspEdits(list),
    }));
    return { documentChanges };
  }
  return { changes: Object.fromEntries([...byFile].map(([file, list]) => [env.uriOf(file), lspEdits(list)])) };
}

