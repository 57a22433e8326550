import type { Finding } from '../finding.js';
import { positionOrder, type Range } from '../range.js';
import { groupBy } from '../group-by.js';

/** Where a suppression applies in its file. */
export type Target =
  | { kind: 'file' }
  | { kind: 'item'; range: Range }
  /** Findings that start on one line (a comment inside an expression, e.g. above one key of a `tags` object). */
  | { kind: 'line'; line: number };

/** What matching needs of a suppression directive. */
export interface Covering {
  target: Target;
  ruleIds: ReadonlySet<string>;
  /** Filled in here: the rules of `ruleIds` for which the directive covers at least one finding. */
  matched: Set<string>;
}

/**
 * Matches the findings of one file with its directives (in comment order). A
 * directive covers a finding when it names the finding's rule and its target
 * holds where the finding starts: the whole file, its line, or an item's
 * range (end inclusive). Returns, for each finding, the first directive that
 * covers it; records in each directive's `matched` every rule for which it
 * covers some finding.
 *
 * Both are answered without pairing every finding with every directive — a
 * hostile change can bring tens of thousands of each: per rule, findings and
 * item targets are swept in offset order with a heap of the open targets by
 * comment order (n·log n), and whether a target covers any finding is a
 * binary search over the findings' sorted offsets.
 */
export function firstCovering<D extends Covering>(findings: readonly Finding[], directives: readonly D[]): Array<D | undefined> {
  const result = new Array<D | undefined>(findings.length).fill(undefined);
  const findingsByRule = groupBy(findings.keys(), (i) => findings[i]!.ruleId);
  const directivesByRule = new Map<string, number[]>();
  directives.forEach((d, i) => {
    for (const id of d.ruleIds) {
      const list = directivesByRule.get(id);
      if (list) list.push(i);
      else directivesByRule.set(id, [i]);
    }
  });

  for (const [ruleId, candidates] of directivesByRule) {
    const ruleFindings = findingsByRule.get(ruleId) ?? [];
    let wholeFile: number | undefined;
    const byLine = new Map<number, number>();
    const items: number[] = [];
    for (const i of candidates) {
      const target = directives[i]!.target;
      if (target.kind === 'file') wholeFile ??= i;
      else if (target.kind === 'line') {
        if (!byLine.has(target.line)) byLine.set(target.line, i);
      } else items.push(i);
    }

    // Findings in position order, swept against item targets in start order (positionOrder numbers).
    const offsets = ruleFindings.map((f) => positionOrder(findings[f]!.range.start));
    const order = ruleFindings.map((_, k) => k).sort((a, b) => offsets[a]! - offsets[b]!);
    const itemStart = (i: number) => positionOrder((directives[i]!.target as { range: Range }).range.start);
    const itemEnd = (i: number) => positionOrder((directives[i]!.target as { range: Range }).range.end);
    items.sort((a, b) => itemStart(a) - itemStart(b));
    const open = new MinHeap();
    let next = 0;
    for (const k of order) {
      const offset = offsets[k]!;
      while (next < items.length && itemStart(items[next]!) <= offset) open.push(items[next++]!);
      while (open.size && itemEnd(open.peek()) < offset) open.pop();
      const f = ruleFindings[k]!;
      let first = open.size ? open.peek() : undefined;
      const onLine = byLine.get(findings[f]!.range.start.line);
      if (onLine !== undefined && (first === undefined || onLine < first)) first = onLine;
      if (wholeFile !== undefined && (first === undefined || wholeFile < first)) first = wholeFile;
      if (first !== undefined) result[f] = directives[first];
    }

    if (ruleFindings.length === 0) continue;
    const sorted = order.map((k) => offsets[k]!);
    const lines = new Set(ruleFindings.map((f) => findings[f]!.range.start.line));
    for (const i of candidates) {
      const d = directives[i]!;
      const target = d.target;
      const covers =
        target.kind === 'file' ||
        (target.kind === 'line' && lines.has(target.line)) ||
        (target.kind === 'item' && anyWithin(sorted, positionOrder(target.range.start), positionOrder(target.range.end)));
      if (covers) d.matched.add(ruleId);
    }
  }
  return result;
}

/** Whether an ascending list holds a value in [from, to]. */
function anyWithin(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! <= to;
}

/** A binary min-heap of directive indices (comment order). */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): number {
    return this.items[0]!;
  }

  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }

  pop(): void {
    const a = this.items;
    const last = a.pop()!;
    if (a.length === 0) return;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && a[l]! < a[m]!) m = l;
      if (r < a.length && a[r]! < a[m]!) m = r;
      if (m === i) return;
      [a[m], a[i]] = [a[i]!, a[m]!];
      i = m;
    }
  }
}
