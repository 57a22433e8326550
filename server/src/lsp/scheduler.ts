/**
 * Debounced reviews, one timer per module directory: a newer edit replaces
 * the pending review of an older one, so only the latest text is reviewed.
 */
export class ReviewScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  /** `now`: the review is wanted at once (flush), not when its timer fires. */
  constructor(private readonly run: (dir: string, now: boolean) => void) {}

  schedule(dir: string, delayMs: number): void {
    const pending = this.timers.get(dir);
    if (pending) clearTimeout(pending);
    this.timers.set(
      dir,
      setTimeout(() => {
        this.timers.delete(dir);
        this.run(dir, false);
      }, delayMs),
    );
  }

  isPending(dir: string): boolean {
    return this.timers.has(dir);
  }

  /** Runs a pending review now (a code action or hover needs the current text); false if none was pending. */
  flush(dir: string): boolean {
    const pending = this.timers.get(dir);
    if (!pending) return false;
    clearTimeout(pending);
    this.timers.delete(dir);
    this.run(dir, true);
    return true;
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
