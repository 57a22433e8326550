import type { Memento } from 'vscode';

const STORAGE_KEY = 'iacReview.checklist.ticked';
/** Ticks of items that no longer exist are never read again; keep the newest so the store stays small. */
const MAX_TICKS = 5_000;

/**
 * The ticked boxes of the Review Checklist, per workspace, by item id. An
 * item's id changes when the code it is about changes, so its box comes back
 * unticked without anything here having to notice.
 */
export class ChecklistTicks {
  /** The stored ids, read once: the tree asks for every item and section each time it is drawn. */
  private cache: Set<string> | undefined;

  constructor(private readonly state: Memento) {}

  private read(): Set<string> {
    if (!this.cache) {
      const stored = this.state.get<unknown>(STORAGE_KEY);
      this.cache = new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
    }
    return this.cache;
  }

  isTicked(id: string): boolean {
    return this.read().has(id);
  }

  /** Every ticked id (copied Markdown keeps the ticks). */
  get ticked(): ReadonlySet<string> {
    return this.read();
  }

  /** Ticks and unticks in one write. */
  async set(changes: ReadonlyArray<readonly [id: string, ticked: boolean]>): Promise<void> {
    const ticked = new Set(this.read());
    for (const [id, on] of changes) {
      ticked.delete(id); // re-added last: the newest ticks survive the cap
      if (on) ticked.add(id);
    }
    const kept = [...ticked].slice(-MAX_TICKS);
    this.cache = new Set(kept);
    await this.state.update(STORAGE_KEY, kept);
  }
}
