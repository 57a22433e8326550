import {
  EventEmitter,
  Uri,
  commands,
  window,
  workspace,
  type ExtensionContext,
  type QuickPickItem,
  type TextDocumentContentProvider,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { listRulesRequest, ruleDocumentationRequest } from './protocol';
import type { ServerController } from './server-controller';

export const SHOW_RULE_DOCUMENTATION_COMMAND = 'iacReview.showRuleDocumentation';
const SCHEME = 'iac-review-rule';

/** `iac-review-rule:/lifecycle/prevent-destroy.md` — the `.md` lets the preview treat it as Markdown. */
export function ruleDocumentationUri(ruleId: string): Uri {
  return Uri.from({ scheme: SCHEME, path: `/${ruleId}.md` });
}

function ruleIdOf(uri: Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}

/** Serves the server's rule documentation as read-only Markdown documents. */
class RuleDocumentationProvider implements TextDocumentContentProvider {
  private readonly pages = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly controller: ServerController) {}

  remember(ruleId: string, markdown: string): void {
    this.pages.set(ruleId, markdown);
    this.changed.fire(ruleDocumentationUri(ruleId));
  }

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const ruleId = ruleIdOf(uri);
    const known = this.pages.get(ruleId);
    if (known !== undefined) return known;
    // A page restored after a reload: ask the server again.
    const client = this.controller.current;
    const doc = client ? await client.sendRequest(ruleDocumentationRequest, { ruleId }) : null;
    return doc?.markdown ?? `# ${ruleId}\n\nNo documentation: the IaC Review server is not running or does not know this rule.\n`;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

async function pickRule(client: LanguageClient): Promise<string | undefined> {
  const rules = await client.sendRequest(listRulesRequest);
  const items: Array<QuickPickItem & { ruleId: string }> = rules.map((r) => ({
    label: r.id,
    description: r.title,
    detail: `${r.category} · ${r.severity}`,
    ruleId: r.id,
  }));
  const picked = await window.showQuickPick(items, {
    title: 'IaC Review: Show Rule Documentation',
    placeHolder: 'Rule id or title',
    matchOnDescription: true,
  });
  return picked?.ruleId;
}

/**
 * "IaC Review: Show Rule Documentation": for the rule id given (the server's
 * "Show documentation for …" code action passes one) or picked from the
 * server's catalog, fetches the Markdown from the server and opens the
 * built-in Markdown preview on it.
 */
export function registerRuleDocumentation(context: ExtensionContext, controller: ServerController): void {
  const provider = new RuleDocumentationProvider(controller);
  controller.advertiseCommand(SHOW_RULE_DOCUMENTATION_COMMAND);
  context.subscriptions.push(
    provider,
    workspace.registerTextDocumentContentProvider(SCHEME, provider),
    // Resolves to the page's URI when one was shown (tests read it back).
    commands.registerCommand(SHOW_RULE_DOCUMENTATION_COMMAND, async (ruleIdArg?: unknown): Promise<Uri | undefined> => {
      const client = controller.currentOrWarn();
      if (!client) return;
      const ruleId = typeof ruleIdArg === 'string' && ruleIdArg !== '' ? ruleIdArg : await pickRule(client);
      if (!ruleId) return;
      const doc = await client.sendRequest(ruleDocumentationRequest, { ruleId });
      if (!doc) {
        void window.showWarningMessage(`IaC Review has no rule "${ruleId}".`);
        return;
      }
      provider.remember(ruleId, doc.markdown);
      const uri = ruleDocumentationUri(ruleId);
      await commands.executeCommand('markdown.showPreview', uri);
      return uri;
    }),
  );
}
