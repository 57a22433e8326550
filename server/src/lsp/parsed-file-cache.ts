import type { SourceFile } from '../engine/parse/ast.js';
import type { ParsedFiles } from '../engine/workspace/module-loader.js';

/**
 * Syntax trees kept between reviews, by path, reused whole only for the very
 * text they were parsed from (so a buffer edited or a file changed on disk is
 * parsed again, whatever told the server); a changed file is re-parsed from
 * its last tree, around the edit (reparseSource). Each review walks into the
 * modules its calls lead to, and the modules of a repository call each other
 * (every example calls the root module, the root module its submodules):
 * without this the start-up scan parsed each file a dozen times, and a
 * keystroke re-parsed every file of the module and of its callees, not only
 * the one edited. Bounded by the source text held, the least recently used
 * file going first, so a 20,000-file workspace never holds all its trees.
 * A file larger than the whole bound is kept only while it is open in the
 * editor, and only one such: the one being typed in.
 */
export class ParsedFileCache implements ParsedFiles {
  private readonly entries = new Map<string, { text: string; file: SourceFile }>();
  private bytes = 0;
  /** The one file over the bound that is kept: open in the editor, the last such parsed. */
  private large: { path: string; text: string; file: SourceFile } | undefined;

  constructor(
    private readonly maxBytes: number,
    private readonly isOpen: (path: string) => boolean = () => false,
  ) {}

  get(path: string, text: string): SourceFile | undefined {
    const entry = this.entries.get(path);
    if (!entry) return this.large?.path === path && this.large.text === text ? this.large.file : undefined;
    // Equal strings compare by content: a changed buffer or file misses.
    if (entry.text !== text) return undefined;
    // Most recently used last: eviction takes from the front.
    this.entries.delete(path);
    this.entries.set(path, entry);
    return entry.file;
  }

  previous(path: string): SourceFile | undefined {
    return this.entries.get(path)?.file ?? (this.large?.path === path ? this.large.file : undefined);
  }

  set(path: string, text: string, file: SourceFile): void {
    this.delete(path);
    if (this.large?.path === path) this.large = undefined;
    // A file larger than the whole budget would only push everything else out.
    if (text.length > this.maxBytes) {
      if (this.isOpen(path)) this.large = { path, text, file };
      return;
    }
    this.entries.set(path, { text, file });
    this.bytes += text.length;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  /** The file is no longer open in the editor: a tree kept only for that is let go. */
  closed(path: string): void {
    if (this.large?.path === path) this.large = undefined;
  }

  /** Source characters held (tests, measurements). */
  size(): number {
    return this.bytes + (this.large?.text.length ?? 0);
  }

  private delete(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    this.entries.delete(path);
    this.bytes -= entry.text.length;
  }
}
