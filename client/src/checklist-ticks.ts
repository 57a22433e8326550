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
  constructor(private readonly state: Memento) {}

  private read(): string[] {
    const stored = this.state.get<unknown>(STORAGE_KEY);
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
  }

  isTicked(id: string): boolean {
    return this.read().includes(id);
  }

  /** Ticks and unticks in one write. */
  async set(changes: ReadonlyArray<readonly [id: string, ticked: boolean]>): Promise<void> {
    const ticked = new Set(this.read());
    for (const [id, on] of changes) {
      ticked.delete(id); // re-added last: the newest ticks survive the cap
      if (on) ticked.add(id);
    }
    await this.state.update(STORAGE_KEY, [...ticked].slice(-MAX_TICKS));
  }

  ticked(): string[] {
    return this.read();
  }
}
