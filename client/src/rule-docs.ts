import { randomBytes } from 'node:crypto';
import { ViewColumn, commands, window, type ExtensionContext, type LogOutputChannel, type QuickPickItem, type WebviewPanel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { listRulesRequest, ruleDocumentationRequest } from './protocol';
import { ruleDocsHtml } from './rule-docs-page';
import type { ServerController } from './server-controller';

export const SHOW_RULE_DOCUMENTATION_COMMAND = 'iacReview.showRuleDocumentation';
/** The webview's type: the extension's tests find its tab by it. */
export const RULE_DOCS_VIEW_TYPE = 'iacReview.ruleDocumentation';

/**
 * One page for rule documentation, reused: a second rule replaces the first
 * (as the Markdown preview did), opened beside the editor without taking the
 * focus, so the keys stay with the code the reader came from.
 */
class RuleDocsPanel {
  private panel: WebviewPanel | undefined;
  /** When the command for the page on its way started (performance.now()), by rule id. */
  private readonly asked = new Map<string, { askedAt: number; answeredAt: number }>();

  constructor(private readonly output: LogOutputChannel) {}

  show(ruleId: string, documentation: string, askedAt: number): void {
    const answeredAt = performance.now();
    if (!this.panel) {
      this.panel = window.createWebviewPanel(RULE_DOCS_VIEW_TYPE, ruleId, { viewColumn: ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        enableFindWidget: true,
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: unknown) => this.drawn(m));
    } else this.panel.reveal(undefined, true);
    this.asked.set(ruleId, { askedAt, answeredAt });
    this.panel.title = ruleId;
    this.panel.webview.html = ruleDocsHtml(ruleId, documentation, randomBytes(16).toString('base64'));
  }

  private drawn(message: unknown): void {
    const ruleId = typeof message === 'object' && message !== null ? (message as { rendered?: unknown }).rendered : undefined;
    if (typeof ruleId !== 'string') return;
    const times = this.asked.get(ruleId);
    if (times === undefined) return;
    this.asked.delete(ruleId);
    const now = performance.now();
    this.output.info(
      `Rule documentation ${ruleId} drawn ${Math.round(now - times.askedAt)} ms after it was asked for (the server's answer ${Math.round(times.answeredAt - times.askedAt)} ms, the page ${Math.round(now - times.answeredAt)} ms).`,
    );
  }

  dispose(): void {
    this.panel?.dispose();
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
 * "Show documentation for …" code action and the rule links in Problems pass
 * one) or picked from the server's catalog, fetches the Markdown from the
 * server and shows it rendered (rule-docs-page.ts). Resolves to the rule id
 * shown (the extension's tests read it back).
 */
export function registerRuleDocumentation(context: ExtensionContext, controller: ServerController, output: LogOutputChannel): void {
  const panel = new RuleDocsPanel(output);
  controller.advertiseCommand(SHOW_RULE_DOCUMENTATION_COMMAND);
  context.subscriptions.push(
    panel,
    commands.registerCommand(SHOW_RULE_DOCUMENTATION_COMMAND, async (ruleIdArg?: unknown): Promise<string | undefined> => {
      const askedAt = performance.now();
      const client = controller.currentOrWarn();
      if (!client) return;
      const ruleId = typeof ruleIdArg === 'string' && ruleIdArg !== '' ? ruleIdArg : await pickRule(client);
      if (!ruleId) return;
      const doc = await client.sendRequest(ruleDocumentationRequest, { ruleId });
      if (!doc) {
        void window.showWarningMessage(`IaC Review has no rule "${ruleId}".`);
        return;
      }
      panel.show(ruleId, doc.markdown, askedAt);
      return ruleId;
    }),
  );
}
