import { DiagnosticSeverity, StatusBarAlignment, languages, window, type Diagnostic, type ExtensionContext } from 'vscode';
import { DIAGNOSTIC_SOURCE } from './protocol';
import type { ExerciseSession } from './exercise-session';
import type { ServerController } from './server-controller';

const PROBLEMS_VIEW_COMMAND = 'workbench.actions.view.problems';

/** Counts iac-review diagnostics across the workspace, by severity. */
export function countFindings(all: ReadonlyArray<readonly [unknown, readonly Diagnostic[]]>) {
  const counts = { total: 0, errors: 0, warnings: 0, other: 0 };
  for (const [, diagnostics] of all) {
    for (const d of diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      counts.total++;
      if (d.severity === DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === DiagnosticSeverity.Warning) counts.warnings++;
      else counts.other++;
    }
  }
  return counts;
}

/**
 * "$(checklist) IaC Review: 12" while the server runs; a click opens the
 * Problems panel. While an exercise folder is in the workspace its findings
 * are hidden, so a count would mislead (a 0 reads as "nothing to find"): the
 * item says the count is hidden instead.
 */
export function registerStatusBar(context: ExtensionContext, controller: ServerController, exercises: ExerciseSession): void {
  const item = window.createStatusBarItem('iacReview.findings', StatusBarAlignment.Left, 0);
  item.name = 'IaC Review findings';
  item.command = PROBLEMS_VIEW_COMMAND;

  const refresh = () => {
    if (!controller.current) {
      item.hide();
      return;
    }
    if (exercises.active.length > 0) {
      item.text = '$(checklist) IaC Review: exercise';
      item.tooltip = 'IaC Review: findings are hidden while an exercise is in the workspace';
      item.show();
      return;
    }
    const c = countFindings(languages.getDiagnostics());
    item.text = `$(checklist) IaC Review: ${c.total}`;
    item.tooltip = `IaC Review: ${c.errors} errors, ${c.warnings} warnings, ${c.other} info — click to open Problems`;
    item.show();
  };

  // Diagnostics change in bursts (a workspace scan publishes per file): count once per burst.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      refresh();
    }, 100);
  };

  context.subscriptions.push(
    item,
    languages.onDidChangeDiagnostics(scheduleRefresh),
    controller.onDidChangeClient(refresh),
    exercises.onDidChange(refresh),
    { dispose: () => pending && clearTimeout(pending) },
  );
  refresh();
}
