import { Uri, commands, window, workspace, type ExtensionContext, type WorkspaceFolder } from 'vscode';
import { describeCounts } from '../../server/src/engine/checklist/plan-summary.js';
import { errorText, setPlanRequest, type FolderPlan } from './protocol';
import { REFRESH_CHECKLIST_COMMAND } from './checklist-view';
import { SERVER_NOT_RUNNING, type ServerController } from './server-controller';

export const REVIEW_WITH_PLAN_COMMAND = 'iacReview.reviewWithPlan';
export const CLEAR_PLAN_COMMAND = 'iacReview.clearPlan';
/** Whether a plan was picked in this window: "Clear Plan" shows in the checklist's title bar. */
const PLAN_CONTEXT_KEY = 'iacReview.planPicked';

/** `plan.json (1 to create, 0 to update, 2 to replace, 0 to delete)` — what the review now reads. */
export function describeFolderPlan(plan: FolderPlan): string {
  return `${plan.file} (${describeCounts(plan.counts)})${plan.notes.length ? `; ${plan.notes.length} note${plan.notes.length === 1 ? '' : 's'}: ${plan.notes.join(' ')}` : ''}`;
}

/**
 * "IaC Review: Review with Plan…" picks the JSON of `terraform show -json
 * PLANFILE` for a workspace folder — in the file dialog, so it may be
 * anywhere: the user chose it (the `iacReview.plan` setting, which a
 * repository can set, names files inside the folder only) — and "IaC Review:
 * Clear Plan" reviews without one. The server reads the plan; one that
 * cannot be used is one error message, here.
 */
export function registerPlanCommands(context: ExtensionContext, controller: ServerController): void {
  const send = async (params: { folder?: string; path: string | null }) => {
    const client = controller.current;
    if (!client) throw new Error(SERVER_NOT_RUNNING);
    return client.sendRequest(setPlanRequest, params);
  };

  context.subscriptions.push(
    // Resolves to the plans the folders are reviewed with, or undefined when cancelled or refused.
    commands.registerCommand(REVIEW_WITH_PLAN_COMMAND, async (fileArg?: unknown): Promise<FolderPlan[] | undefined> => {
      const folder = await pickFolder();
      if (!folder) return undefined;
      let file = fileArg instanceof Uri ? fileArg : typeof fileArg === 'string' ? Uri.file(fileArg) : undefined;
      if (!file) {
        const picked = await window.showOpenDialog({
          title: 'IaC Review: Review with Plan…',
          openLabel: 'Review with This Plan',
          defaultUri: folder.uri,
          canSelectMany: false,
          filters: { 'Plan JSON (terraform show -json)': ['json'], 'All files': ['*'] },
        });
        file = picked?.[0];
      }
      if (!file) return undefined;
      try {
        const { plans } = await send({ folder: folder.uri.toString(), path: file.fsPath });
        await commands.executeCommand('setContext', PLAN_CONTEXT_KEY, true);
        void window.showInformationMessage(`IaC Review: reviewing with the plan ${plans.map(describeFolderPlan).join('; ')}.`);
        await commands.executeCommand(REFRESH_CHECKLIST_COMMAND);
        return plans;
      } catch (error) {
        void window.showErrorMessage(`IaC Review: ${errorText(error)}`);
        return undefined;
      }
    }),
    commands.registerCommand(CLEAR_PLAN_COMMAND, async (): Promise<boolean> => {
      try {
        await send({ path: null });
        await commands.executeCommand('setContext', PLAN_CONTEXT_KEY, false);
        await commands.executeCommand(REFRESH_CHECKLIST_COMMAND);
        return true;
      } catch (error) {
        void window.showErrorMessage(`IaC Review: ${errorText(error)}`);
        return false;
      }
    }),
  );
}

/** The folder the plan is for: the only one, or the one the user picks. */
async function pickFolder(): Promise<WorkspaceFolder | undefined> {
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (!folders[0]) void window.showErrorMessage('IaC Review: open a folder first: a plan is reviewed with the Terraform code of a workspace folder.');
    return folders[0];
  }
  return window.showWorkspaceFolderPick({ placeHolder: 'The workspace folder whose Terraform the plan was made from' });
}
