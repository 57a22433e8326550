import { TreeItemCheckboxState, Uri, commands, env, languages, window, workspace, type ExtensionContext, type TreeView } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ChecklistTicks } from './checklist-ticks';
import { ChecklistTreeProvider, type ChecklistNode } from './checklist-tree';
import { formatChecklistMarkdown } from '../../server/src/engine/checklist/markdown.js';
import { describeCounts } from '../../server/src/engine/checklist/plan-summary.js';
import { checklistRequest, defaultBaseRequest, errorText, planChangedNotification, type ChecklistItem, type ChecklistResult, type FolderChecklist } from './protocol';
import { SERVER_NOT_RUNNING, type ServerController } from './server-controller';

export const CHECKLIST_VIEW = 'iacReview.checklist';
export const SHOW_CHECKLIST_COMMAND = 'iacReview.showChecklist';
export const REFRESH_CHECKLIST_COMMAND = 'iacReview.refreshChecklist';
export const REVIEW_CHANGES_COMMAND = 'iacReview.reviewChanges';
export const SHOW_WORKSPACE_CHECKLIST_COMMAND = 'iacReview.showWorkspaceChecklist';
export const COPY_CHECKLIST_COMMAND = 'iacReview.copyChecklist';
/** `workspace` or `change`: which title buttons the view shows. */
const MODE_CONTEXT_KEY = 'iacReview.checklistMode';
/** Saves and diagnostics come in bursts (a workspace scan publishes per file). */
const REFRESH_DEBOUNCE_MS = 500;

/** The view's data and ticks, for the extension's own tests. */
export interface ChecklistViewApi {
  readonly tree: ChecklistTreeProvider;
  readonly ticks: ChecklistTicks;
  /** What the view's checkbox handler does when the user ticks or unticks items. */
  setTicked(nodes: readonly ChecklistNode[], ticked: boolean): Promise<void>;
}

function allItems(result: ChecklistResult): ChecklistItem[] {
  return result.folders.flatMap((f) => f.checklist.sections.flatMap((s) => s.items));
}

/**
 * One Markdown document, the ticked items written `- [x]`: each folder's
 * checklist as the CLI writes it (the same formatter, so it fits one
 * pull-request comment), headed by the folder when there are several.
 */
export function checklistMarkdown(result: ChecklistResult, ticked: ReadonlySet<string>): string {
  const markdown = (f: FolderChecklist) => formatChecklistMarkdown(f.checklist, undefined, ticked);
  if (result.folders.length === 1) return markdown(result.folders[0]!);
  return result.folders.map((f) => `## ${workspace.getWorkspaceFolder(Uri.parse(f.folder))?.name ?? Uri.parse(f.folder).fsPath}\n\n${markdown(f).trim()}\n`).join('\n');
}

/** `Plan plan.json: 1 to create, 0 to update, 1 to replace, 0 to delete.` — the plan's counts come first (SPEC §10). */
export function planLine(result: ChecklistResult): string | undefined {
  const plans = result.folders.flatMap((f) => (f.checklist.plan ? [f.checklist.plan] : []));
  if (plans.length === 0) return undefined;
  const notes = plans.reduce((n, p) => n + p.notes.length, 0);
  return `Plan ${plans.map((p) => `${p.file}: ${describeCounts(p.counts)}`).join('; ')}.${notes ? ` ${notes} plan note${notes === 1 ? '' : 's'} (see the copied Markdown).` : ''}`;
}

/**
 * The Review Checklist view: the whole workspace's checklist, or the change
 * against a git ref ("Review Changes Against Branch…"), refreshed on save and
 * when diagnostics change while the view is visible.
 */
class ChecklistView implements ChecklistViewApi {
  readonly ticks: ChecklistTicks;
  readonly tree: ChecklistTreeProvider;
  private readonly view: TreeView<ChecklistNode>;
  /** The ref of the change shown; undefined: the whole workspace. */
  private base: string | undefined;
  /** The ref of the latest load asked for (shown once it answers): what a refresh reloads meanwhile. */
  private wanted: string | undefined;
  private stale = true;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private loading: Promise<unknown> = Promise.resolve();

  constructor(
    context: ExtensionContext,
    private readonly controller: ServerController,
  ) {
    this.ticks = new ChecklistTicks(context.workspaceState);
    this.tree = new ChecklistTreeProvider(this.ticks);
    this.view = window.createTreeView(CHECKLIST_VIEW, { treeDataProvider: this.tree, showCollapseAll: true, manageCheckboxStateManually: true });
    context.subscriptions.push(
      this.tree,
      this.view,
      this.view.onDidChangeCheckboxState((e) => {
        const changes = e.items.flatMap(([node, state]) => (node.kind === 'item' ? [[node.item.id, state === TreeItemCheckboxState.Checked] as const] : []));
        void this.ticks.set(changes).then(() => this.tree.redraw());
      }),
      this.view.onDidChangeVisibility((e) => {
        if (e.visible && this.stale) this.scheduleRefresh();
      }),
      workspace.onDidSaveTextDocument(() => this.scheduleRefresh()),
      languages.onDidChangeDiagnostics(() => this.scheduleRefresh()),
      controller.onDidChangeClient((client) => {
        // A plan picked, cleared or rewritten (the server watches it) changes the checklist without any save or diagnostic.
        if (client) context.subscriptions.push(client.onNotification(planChangedNotification, () => this.scheduleRefresh()));
        this.scheduleRefresh();
      }),
      { dispose: () => this.pending && clearTimeout(this.pending) },
    );
    void commands.executeCommand('setContext', MODE_CONTEXT_KEY, 'workspace');
    if (this.view.visible) this.scheduleRefresh();
  }

  async setTicked(nodes: readonly ChecklistNode[], ticked: boolean): Promise<void> {
    await this.ticks.set(nodes.flatMap((n) => (n.kind === 'item' ? [[n.item.id, ticked] as const] : [])));
    this.tree.redraw();
  }

  private requireClient(): LanguageClient {
    const client = this.controller.current;
    if (!client) throw new Error(SERVER_NOT_RUNNING);
    return client;
  }

  /**
   * Asks the server for the checklist (of the change since `base`, if given)
   * and shows it; throws the server's error. Loads run one after the other,
   * so what is shown is always the answer to the latest one.
   */
  load(base: string | undefined): Promise<ChecklistResult> {
    this.wanted = base;
    const next = this.loading.then(() => this.fetchAndShow(base));
    this.loading = next.catch(() => undefined);
    return next;
  }

  private async fetchAndShow(base: string | undefined): Promise<ChecklistResult> {
    let result: ChecklistResult;
    try {
      result = await this.requireClient().sendRequest(checklistRequest, base === undefined ? {} : { base });
    } catch (error) {
      if (this.wanted === base) this.wanted = this.base; // keep showing (and refreshing) what was there
      throw error;
    }
    this.base = base;
    this.stale = false;
    this.tree.show(result);
    const all = allItems(result);
    const items = all.length;
    const shown =
      base !== undefined
        ? `Changes against ${base}: ${all.filter((i) => i.introduced === true).length} introduced, ${items} item${items === 1 ? '' : 's'} in all.`
        : items === 0
          ? 'Nothing to review: no findings, undecided items or questions in the workspace.'
          : undefined;
    const plan = planLine(result);
    this.view.message = [plan, shown].filter((m) => m !== undefined).join(' ') || undefined;
    this.view.description = [base !== undefined ? `changes against ${base}` : undefined, plan ? 'with plan' : undefined].filter((d) => d !== undefined).join(', ') || undefined;
    await commands.executeCommand('setContext', MODE_CONTEXT_KEY, base !== undefined ? 'change' : 'workspace');
    return result;
  }

  /** Reloads what is shown; runs only while the view is visible (else on becoming visible). */
  private scheduleRefresh(): void {
    this.stale = true;
    if (!this.view.visible || !this.controller.current) return;
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.load(this.wanted).catch((error: unknown) => {
        this.view.message = `The checklist could not be built: ${errorText(error)}`;
      });
    }, REFRESH_DEBOUNCE_MS);
  }

  async refresh(): Promise<ChecklistResult | undefined> {
    try {
      return await this.load(this.wanted);
    } catch (error) {
      void window.showErrorMessage(`IaC Review: ${errorText(error)}`);
      return undefined;
    }
  }

  async reveal(): Promise<void> {
    await commands.executeCommand(`${CHECKLIST_VIEW}.focus`);
  }

  /** "Review Changes Against Branch…": git runs only in a trusted workspace. */
  async reviewChanges(baseArg?: unknown): Promise<ChecklistResult | undefined> {
    if (!workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      const answer = await window.showWarningMessage(
        "IaC Review: Review Changes Against Branch… runs git, and a repository's git configuration can run commands, so it is off in Restricted Mode. Trust this workspace to use it.",
        manage,
      );
      if (answer === manage) await commands.executeCommand('workbench.trust.manage');
      return undefined;
    }
    let base = typeof baseArg === 'string' ? baseArg.trim() : undefined;
    if (!base) {
      const suggested = await this.suggestedBase();
      const entered = await window.showInputBox({
        title: 'IaC Review: Review Changes Against Branch…',
        prompt: suggested.note ?? 'The git ref to compare the working tree with (its merge base with HEAD)',
        value: suggested.base,
        placeHolder: 'a branch (origin/main), a tag or a commit',
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim() === '' ? 'Name a branch, tag or commit.' : undefined),
      });
      base = entered?.trim();
      if (!base) return undefined;
    }
    try {
      const result = await this.load(base);
      await this.reveal();
      return result;
    } catch (error) {
      void window.showErrorMessage(`IaC Review: ${errorText(error)}`);
      return undefined;
    }
  }

  /**
   * What the input box starts with: the `iacReview.baseRef` setting, else the
   * server's default (SPEC §7: the branch's upstream, origin/HEAD, a local main
   * or master). When there is none, an empty box whose prompt says why.
   */
  private async suggestedBase(): Promise<{ base: string; note?: string }> {
    const configured = workspace.getConfiguration('iacReview').get<string>('baseRef', '').trim();
    if (configured) return { base: configured };
    try {
      const found = await this.requireClient().sendRequest(defaultBaseRequest);
      const why = found.source === 'upstream' ? "the current branch's upstream" : found.source === 'origin/HEAD' ? "origin/HEAD, the remote's default branch" : 'a local branch';
      return { base: found.base, note: `The git ref to compare the working tree with (its merge base with HEAD). ${found.base} is ${why}.` };
    } catch (error) {
      return { base: '', note: `No default base: ${errorText(error)}` };
    }
  }

  async showWorkspace(): Promise<ChecklistResult | undefined> {
    try {
      const result = await this.load(undefined);
      await this.reveal();
      return result;
    } catch (error) {
      void window.showErrorMessage(`IaC Review: ${errorText(error)}`);
      return undefined;
    }
  }

  /** The shown checklist's Markdown (GitHub task lists) on the clipboard; resolves to it. */
  async copy(): Promise<string | undefined> {
    const result = this.tree.current && !this.stale ? this.tree.current : await this.refresh();
    if (!result) return undefined;
    const markdown = checklistMarkdown(result, this.ticks.ticked);
    await env.clipboard.writeText(markdown);
    const items = allItems(result).length;
    void window.showInformationMessage(`IaC Review: checklist copied as Markdown (${items} item${items === 1 ? '' : 's'}).`);
    return markdown;
  }
}

/** The Review Checklist view and its commands; returns its data for the extension's tests. */
export function registerChecklistView(context: ExtensionContext, controller: ServerController): ChecklistViewApi {
  const view = new ChecklistView(context, controller);
  context.subscriptions.push(
    commands.registerCommand(SHOW_CHECKLIST_COMMAND, async () => {
      await view.reveal();
      return view.tree.current ?? view.refresh();
    }),
    commands.registerCommand(REFRESH_CHECKLIST_COMMAND, () => view.refresh()),
    commands.registerCommand(REVIEW_CHANGES_COMMAND, (base?: unknown) => view.reviewChanges(base)),
    commands.registerCommand(SHOW_WORKSPACE_CHECKLIST_COMMAND, () => view.showWorkspace()),
    commands.registerCommand(COPY_CHECKLIST_COMMAND, () => view.copy()),
  );
  return view;
}
