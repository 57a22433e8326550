import type { Diagnostic } from 'vscode-languageserver';
import type { InputError } from '../engine/finding.js';
import type { ModuleReview } from '../engine/analyze.js';
import { diagnosticsByFile } from './diagnostics.js';

export type SendDiagnostics = (path: string, diagnostics: Diagnostic[]) => void;

/**
 * Publishes a module's diagnostics file by file, and clears files that had
 * diagnostics before and have none now (a fixed finding, a deleted file).
 */
export class DiagnosticsPublisher {
  /** Files with diagnostics, per module directory (or config file). */
  private readonly published = new Map<string, Set<string>>();

  constructor(private readonly send: SendDiagnostics) {}

  /**
   * `openFiles`: the module's open documents, which get a notification even
   * when empty, so an editor knows the review of its latest text is done.
   */
  publishModule(review: Pick<ModuleReview, 'dir' | 'findings' | 'errors'>, openFiles: Iterable<string> = []): void {
    this.publishGroup(review.dir, diagnosticsByFile(review.findings, review.errors), openFiles);
  }

  /** Configuration errors, shown on the config file itself. */
  publishConfigErrors(configFile: string, errors: readonly InputError[]): void {
    this.publishGroup(`config:${configFile}`, diagnosticsByFile([], errors));
  }

  clear(key: string): void {
    this.publishGroup(key, new Map());
  }

  clearAll(): void {
    for (const key of [...this.published.keys()]) this.clear(key);
  }

  /** Keys of everything published, for clearing configs that no longer apply. */
  keys(): string[] {
    return [...this.published.keys()];
  }

  private publishGroup(key: string, byFile: Map<string, Diagnostic[]>, alsoWhenEmpty: Iterable<string> = []): void {
    const empty = new Set([...(this.published.get(key) ?? []), ...alsoWhenEmpty]);
    for (const file of empty) if (!byFile.has(file)) this.send(file, []);
    for (const [file, diagnostics] of byFile) this.send(file, diagnostics);
    if (byFile.size) this.published.set(key, new Set(byFile.keys()));
    else this.published.delete(key);
  }
}
