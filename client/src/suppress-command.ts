import { CodeAction, WorkspaceEdit, commands, window, workspace, type ExtensionContext } from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

export const SUPPRESS_WITH_REASON_COMMAND = 'iacReview.suppressWithReason';

/** The server's "Suppress <ruleId> with reason…" quick fix. */
const SUPPRESS_TITLE = /^Suppress (.+) with reason…$/;
/**
 * The reason part of a suppression comment (SPEC §4: `# iac-review:ignore <rules> -- <reason>`,
 * `//` works too). The server writes a placeholder there that the engine does not accept as a
 * reason; matching the comment syntax rather than the placeholder's wording keeps the client
 * independent of that wording.
 */
const SUPPRESSION_REASON = /^([ \t]*(?:#|\/\/)[ \t]*iac-review:ignore(?:-file)?[ \t][^\n]*?[ \t]--[ \t]*)([^\r\n]*)/gm;

/**
 * The server's suppression edit carries a placeholder reason. Rather than let
 * the user apply it and then edit the comment, the action asks for the reason
 * first: its edit is moved into a command that prompts and then applies it.
 */
function withReasonPrompt(action: CodeAction): CodeAction {
  const match = SUPPRESS_TITLE.exec(action.title);
  if (!match || !action.edit) return action;
  const { edit } = action;
  action.edit = undefined;
  action.command = {
    command: SUPPRESS_WITH_REASON_COMMAND,
    title: action.title,
    arguments: [edit, match[1]],
  };
  return action;
}

export const suppressWithReasonMiddleware: Middleware = {
  async provideCodeActions(document, range, context, token, next) {
    const actions = await next(document, range, context, token);
    return actions?.map((a) => (a instanceof CodeAction ? withReasonPrompt(a) : a));
  },
  // A server that computes edits lazily hands them over here instead.
  async resolveCodeAction(item, token, next) {
    const resolved = await next(item, token);
    return resolved ? withReasonPrompt(resolved) : resolved;
  },
};

/** The edit with the user's reason in place of the placeholder; `undefined` if it writes no suppression comment. */
export function fillReason(edit: WorkspaceEdit, reason: string): WorkspaceEdit | undefined {
  const filled = new WorkspaceEdit();
  let comments = 0;
  for (const [uri, textEdits] of edit.entries()) {
    for (const e of textEdits) {
      const newText = e.newText.replace(SUPPRESSION_REASON, (_all, head: string) => {
        comments++;
        return head + reason;
      });
      filled.replace(uri, e.range, newText);
    }
  }
  return comments > 0 ? filled : undefined;
}

/** A reason the engine accepts: something said, not a TODO (SPEC §4). */
function validateReason(value: string): string | undefined {
  const reason = value.trim();
  if (reason === '') return 'Say why this finding is acceptable and who approved it.';
  if (/^todo\b/i.test(reason)) return '"TODO" is not a reason: the suppression would be reported as invalid.';
  return undefined;
}

export function registerSuppressWithReason(context: ExtensionContext): void {
  context.subscriptions.push(
    // Resolves to true when the edit was applied.
    commands.registerCommand(SUPPRESS_WITH_REASON_COMMAND, async (edit: unknown, ruleId: unknown): Promise<boolean> => {
      if (!(edit instanceof WorkspaceEdit)) throw new Error(`${SUPPRESS_WITH_REASON_COMMAND} needs the suppression's WorkspaceEdit`);
      const reason = await window.showInputBox({
        title: `Suppress ${typeof ruleId === 'string' ? ruleId : 'finding'}`,
        prompt: 'Reason for the suppression (kept in the comment as audit evidence)',
        placeHolder: 'e.g. read-only audit role, approved in SEC-142',
        ignoreFocusOut: true,
        validateInput: validateReason,
      });
      if (reason === undefined) return false;
      const filled = fillReason(edit, reason.trim());
      if (!filled) {
        void window.showErrorMessage('IaC Review: the suppression edit writes no suppression comment; nothing was changed.');
        return false;
      }
      return workspace.applyEdit(filled);
    }),
  );
}
