import { ownString } from './own-string.js';

/**
 * Answers memoised by a text taken from the code (a name, a tag key, an
 * action, a block type), for caches that outlive a review. Bounded: emptied
 * when full, as a hostile repository can bring any number of texts. Each key
 * is stored as its own copy (ownString): a slice of a file's text would keep
 * the whole text alive, and in the editor every keystroke makes a new one.
 */
export class TextMemo<V> {
  private readonly answers = new Map<string, V>();

  constructor(private readonly limit: number) {}

  /** The answer for `key`, computed by `compute` when it is not kept. */
  get(key: string, compute: (key: string) => V): V {
    const known = this.answers.get(key);
    if (known !== undefined || this.answers.has(key)) return known as V;
    const value = compute(key);
    if (this.answers.size >= this.limit) this.answers.clear();
    this.answers.set(ownString(key), value);
    return value;
  }

  /** The answer kept for `key`, if any; nothing is computed. */
  peek(key: string): V | undefined {
    return this.answers.get(key);
  }
}
