import { EventEmitter, Uri, commands, workspace, type Disposable, type ExtensionContext, type TextDocumentContentProvider } from 'vscode';

const SCHEME = 'iac-review-score';

/** Serves exercise score reports as read-only Markdown documents, shown in the built-in preview (as rule documentation is). */
class ScorePages implements TextDocumentContentProvider, Disposable {
  private readonly pages = new Map<string, string>();
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: Uri, markdown: string): void {
    this.pages.set(uri.toString(), markdown);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: Uri): string {
    // A page restored after a reload is gone with the session: the score is taken again by the command.
    return this.pages.get(uri.toString()) ?? '# Exercise score\n\nRun "IaC Review: Score Exercise" again to see the score.\n';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export interface ScorePreview {
  /** Shows the report in the Markdown preview; resolves to the page's URI. */
  show(exercise: string, markdown: string): Promise<Uri>;
}

export function registerScorePreview(context: ExtensionContext): ScorePreview {
  const pages = new ScorePages();
  context.subscriptions.push(pages, workspace.registerTextDocumentContentProvider(SCHEME, pages));
  return {
    async show(exercise, markdown) {
      // `.md` lets the preview treat it as Markdown; one page per exercise, updated by each score.
      const uri = Uri.from({ scheme: SCHEME, path: `/${exercise.replace(/[^\w.-]+/g, '-')}-score.md` });
      pages.set(uri, markdown);
      // Locked: a dynamic preview follows the active Markdown editor (the candidate's README.md) away from the report.
      await commands.executeCommand('markdown.showPreview', uri, undefined, { locked: true });
      return uri;
    },
  };
}
