/**
 * An array built with `push` keeps room for at least 16 more elements; most lists in a
 * syntax tree have one or two and live as long as the tree. Returns an exact-size copy
 * (the grown array is garbage at once, which costs the young-generation collector nothing).
 */
export function compactArray<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}
