/**
 * A copy of `s` that shares no memory with the string it was sliced from.
 * A JavaScript engine makes a slice of 13 characters or more (a name, a
 * string literal taken from a file's text) a view of the whole text: kept
 * in a cache that outlives the review, it keeps that whole text alive. In the
 * editor every keystroke makes a new text, so a long-lived cache keyed by
 * such slices would keep a copy of the file for every version that added a
 * key. Long-lived caches store their keys through this.
 */
export function ownString(s: string): string {
  // Joined to a character and cut off again: the engine flattens the join into a new string, and the cut keeps only that.
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
