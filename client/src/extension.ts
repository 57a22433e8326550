import { window, type ExtensionContext } from 'vscode';
import { CLIENT_NAME } from './language-client';
import { registerRuleDocumentation } from './rule-docs';
import { ServerController, isEnabled } from './server-controller';
import { registerStatusBar } from './status-bar';
import { registerSuppressWithReason, suppressWithReasonMiddleware } from './suppress-command';

let controller: ServerController | undefined;

/** Wiring only: each feature lives in its own file and registers its own commands. */
export async function activate(context: ExtensionContext): Promise<void> {
  // Activation time (to the server answering initialize) goes to the output channel; the e2e test prints it.
  const activationStarted = performance.now();
  const output = window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  controller = new ServerController(context, output);
  controller.addMiddleware(suppressWithReasonMiddleware);

  registerSuppressWithReason(context);
  registerRuleDocumentation(context, controller);
  registerStatusBar(context, controller);

  await controller.applyEnableSetting();
  const server = controller.current
    ? 'server initialized'
    : isEnabled()
      ? 'the server did not start, see above'
      : 'server not started: iacReview.enable is false';
  output.info(`Activated in ${Math.round(performance.now() - activationStarted)} ms (${server}).`);
}

export async function deactivate(): Promise<void> {
  await controller?.dispose();
  controller = undefined;
}
