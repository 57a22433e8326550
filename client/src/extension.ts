import { window, type ExtensionContext } from 'vscode';
import { registerChecklistView, type ChecklistViewApi } from './checklist-view';
import { SUBMIT_EXERCISE_COMMAND, registerExerciseCommands } from './exercise-commands';
import { registerExerciseCountdown } from './exercise-countdown';
import { ExerciseSession } from './exercise-session';
import { ExerciseStore } from './exercise-store';
import { registerExerciseClock } from './exercise-submit';
import { CLIENT_NAME } from './language-client';
import { registerPlanCommands } from './plan-commands';
import { registerRuleDocumentation } from './rule-docs';
import { ServerController, isEnabled } from './server-controller';
import { registerStatusBar } from './status-bar';
import { registerSuppressWithReason, suppressWithReasonMiddleware } from './suppress-command';

let controller: ServerController | undefined;

/**
 * What activate() returns: the checklist view's data and the exercises in the
 * workspace, which the extension's own tests read.
 */
export interface IacReviewExtensionApi {
  checklist: ChecklistViewApi;
  exercises: ExerciseSession;
}

/** Wiring only: each feature lives in its own file and registers its own commands. */
export async function activate(context: ExtensionContext): Promise<IacReviewExtensionApi> {
  // Activation time (to the server answering initialize) goes to the output channel; the e2e test prints it.
  const activationStarted = performance.now();
  const output = window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  controller = new ServerController(context, output);
  controller.addMiddleware(suppressWithReasonMiddleware);

  registerSuppressWithReason(context);
  registerRuleDocumentation(context, controller, output);
  const exercises = new ExerciseSession(controller, new ExerciseStore(context.globalState));
  context.subscriptions.push(exercises);
  registerStatusBar(context, controller, exercises);
  const checklist = registerChecklistView(context, controller);
  registerPlanCommands(context, controller);
  registerExerciseCommands(context, controller, exercises);
  registerExerciseCountdown(context, exercises, SUBMIT_EXERCISE_COMMAND);
  registerExerciseClock(context, controller, exercises);

  await controller.applyEnableSetting();
  const server = controller.current
    ? 'server initialized'
    : isEnabled()
      ? 'the server did not start, see above'
      : 'server not started: iacReview.enable is false';
  output.info(`Activated in ${Math.round(performance.now() - activationStarted)} ms (${server}).`);
  return { checklist, exercises };
}

export async function deactivate(): Promise<void> {
  await controller?.dispose();
  controller = undefined;
}
