import type { BodyItem, SourceFile } from './ast.js';
import { offsetAt } from '../range.js';

/**
 * The top-level item (block or attribute) of a file that contains `offset`,
 * by binary search: items are in source order and do not overlap, so their
 * end offsets increase. Checklist items and suppression comments ask this
 * one by one, and a module can have tens of thousands of each.
 */
export function topLevelItemAt(file: SourceFile, offset: number): BodyItem | undefined {
  const items = file.body;
  const starts = file.lineStarts;
  let lo = 0;
  let hi = items.length;
  // The first item that ends after `offset`: the only one that can contain it.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsetAt(starts, items[mid]!.range.end) > offset) hi = mid;
    else lo = mid + 1;
  }
  const item = items[lo];
  return item && offsetAt(starts, item.range.start) <= offset ? item : undefined;
}
