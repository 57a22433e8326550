import { CodeActionKind, type CodeAction, type Diagnostic, type Range as LspRange, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { ModuleReview } from '../engine/analyze.js';
import type { Finding, Fix, TextEdit } from '../engine/finding.js';
import { suppressionFix } from '../engine/fix/suppression-fix.js';
import { combineFixes } from '../engine/fix/combine-fixes.js';
import { replacedByFix } from '../engine/change/force-new.js';
import type { Module } from '../engine/model/module.js';
import { findingDiagnostic, SHOW_RULE_DOCUMENTATION_COMMAND, toLspRange } from './diagnostics.js';

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

export const SHOW_RULE_DOCUMENTATION = SHOW_RULE_DOCUMENTATION_COMMAND;
/** "Fix all" of the whole file, for "Source Action…" and `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.iacReview`;

/**
 * The code actions for the diagnostics under the cursor (SPEC §9), ordered
 * and bounded so the menu stays short: the fixes first (preferred ones
 * first), then "Fix all <rule> in this file" where the file has more than one
 * fixable finding of a rule under the cursor, then one "Suppress…" per
 * finding and one "Show documentation" per rule under the cursor. Findings
 * elsewhere on the line are not under the cursor and get nothing, unless
 * the client names their diagnostics in the request's context.
 * `only` (the client's filter): a request for `source.fixAll` gets the
 * file's combined fix.
 */
export function codeActionsFor(
  review: ModuleReview,
  path: string,
  range: LspRange,
  env: CodeActionEnvironment,
  context: { only?: readonly string[]; diagnostics?: readonly Diagnostic[] } = {},
): CodeAction[] {
  const { only } = context;
  const wanted = (kind: string) => !only?.length || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const active = review.findings.filter((f) => f.file === path && !f.suppression);
  const actions: CodeAction[] = [];
  if (wanted(FIX_ALL_KIND) && only?.length) {
    const all = fixAllAction('Fix all IaC Review findings in this file', FIX_ALL_KIND, active, review, env);
    if (all) actions.push(all);
  }
  if (!wanted(CodeActionKind.QuickFix)) return actions;

  // Under the cursor: what the range touches, and the diagnostics the client names (Neovim names the whole line's).
  const named = (f: Finding) => {
    const r = toLspRange(f.range);
    return (context.diagnostics ?? []).some((d) => d.code === f.ruleId && d.range.start.line === r.start.line && d.range.start.character === r.start.character);
  };
  const under = active.filter((f) => intersects(toLspRange(f.range), range) || named(f));
  const fixes: CodeAction[] = [];
  for (const finding of under) {
    const fix = finding.fix;
    if (!fix) continue;
    // SPEC §7: a fix that forces the replacement of an existing stateful resource says so, and is never preferred.
    const replaces = replacementOf(fix, finding, review, env);
    const title = replaces ? `${fix.title} — replaces the existing ${replaces}: Terraform destroys it and creates an empty one` : fix.title;
    fixes.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [findingDiagnostic(finding)], isPreferred: !replaces, edit: workspaceEdit(fix.edits, env) });
  }
  // Stable: preferred fixes first, each group in the findings' order.
  actions.push(...fixes.filter((a) => a.isPreferred), ...fixes.filter((a) => !a.isPreferred));

  for (const ruleId of unique(under.filter((f) => f.fix).map((f) => f.ruleId))) {
    const ofRule = active.filter((f) => f.ruleId === ruleId);
    if (ofRule.filter((f) => f.fix).length < 2) continue; // one fixable finding: its own fix says it all
    const all = fixAllAction(`Fix all ${ruleId} in this file`, CodeActionKind.QuickFix, ofRule, review, env);
    if (all) actions.push(all);
  }

  const source = [...(review.analysis?.module.files ?? []), ...(review.analysis?.module.varFiles ?? [])].find((f) => f.path === path);
  if (source) {
    const suppressed = new Set<string>();
    for (const finding of under) {
      // One comment suppresses the rule on that line: two findings of a rule there get one action.
      const key = `${finding.ruleId}\u0000${finding.range.start.line}`;
      if (suppressed.has(key)) continue;
      suppressed.add(key);
      const suppress = suppressionFix(source, finding);
      actions.push({ title: suppress.title, kind: CodeActionKind.QuickFix, diagnostics: [findingDiagnostic(finding)], edit: workspaceEdit(suppress.edits, env) });
    }
  }
  if (env.clientCommands.has(SHOW_RULE_DOCUMENTATION)) {
    for (const ruleId of unique(under.map((f) => f.ruleId))) {
      const title = `Show documentation for ${ruleId}`;
      const diagnostics = under.filter((f) => f.ruleId === ruleId).map(findingDiagnostic);
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics, command: { title, command: SHOW_RULE_DOCUMENTATION, arguments: [ruleId] } });
    }
  }
  return actions;
}

/**
 * The fixes of `findings` combined into one edit (overlapping fixes and fixes
 * that would break the parse left out, see combineFixes); fixes that would
 * replace an existing resource are never part of a "Fix all".
 */
function fixAllAction(title: string, kind: string, findings: readonly Finding[], review: ModuleReview, env: CodeActionEnvironment): CodeAction | undefined {
  const fixes: Fix[] = [];
  for (const f of findings) {
    const fix = f.fix;
    if (fix && !replacementOf(fix, f, review, env)) fixes.push(fix);
  }
  if (!fixes.length) return undefined;
  const files = [...(review.analysis?.module.files ?? []), ...(review.analysis?.module.varFiles ?? [])];
  const combined = combineFixes(fixes, (file) => files.find((f) => f.path === file)?.text);
  if (!combined.applied) return undefined;
  const skipped = combined.skipped ? ` (${combined.skipped} left to fix one at a time)` : '';
  const diagnostics = findings.filter((f) => f.fix).map(findingDiagnostic);
  return { title: `${title}${skipped}`, kind, diagnostics, edit: workspaceEdit(combined.edits, env) };
}

function replacementOf(fix: Fix, finding: Finding, review: ModuleReview, env: CodeActionEnvironment): string | undefined {
  return review.analysis ? replacedByFix(fix, finding.address, review.analysis.module, env.baseModule) : undefined;
}

/** Closed ranges: a cursor (an empty range) at either end of a diagnostic is on it, as the editor shows it. */
function intersects(a: LspRange, b: LspRange): boolean {
  const before = (x: LspRange['start'], y: LspRange['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
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
