import type { UndecidedItem } from '../finding.js';
import { comparePositions, positionOrder } from '../range.js';

/**
 * Undecided items grouped by the place they are about (SPEC §7: "Undecided
 * items about one place — the same policy statement, the same block — are
 * one checklist item naming every rule concerned").
 *
 * A place is a range of one file, under one address, in one category (items
 * live in their category's section, so items of different categories are
 * never merged). Two items are about the same place when their ranges
 * overlap: the IAM rules all report an undecided statement on the
 * statement's range, but a rule may use a slightly different range for it
 * (the statement, or the attribute that holds it), and statements of one
 * policy never overlap each other, so overlap tells "the same statement"
 * from "the next statement" without comparing texts. Overlap is transitive
 * here (a group's extent grows as items join it), so a block-level item
 * gathers the items inside that block: the same block is one place too.
 */
export function groupUndecidedByPlace(items: readonly UndecidedItem[]): UndecidedItem[][] {
  const byArea = new Map<string, UndecidedItem[]>();
  for (const u of items) {
    const key = `${u.category}\u0000${u.file}\u0000${u.address ?? ''}`;
    const list = byArea.get(key);
    if (list) list.push(u);
    else byArea.set(key, [u]);
  }
  const groups: UndecidedItem[][] = [];
  for (const list of byArea.values()) {
    // Sweep by start: an item joins the open group when it starts before the group's extent ends.
    const sorted = [...list].sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(b.range.end, a.range.end) || compare(a.ruleId, b.ruleId));
    let open: UndecidedItem[] | undefined;
    let end = -1;
    for (const u of sorted) {
      if (open && overlaps(u, end)) {
        open.push(u);
        end = Math.max(end, positionOrder(u.range.end));
      } else {
        open = [u];
        end = positionOrder(u.range.end);
        groups.push(open);
      }
    }
  }
  return groups.map((g) => [...g].sort((a, b) => comparePositions(a.range.start, b.range.start) || compare(a.ruleId, b.ruleId)));
}

/** Overlap with the extent ending at `end` (positionOrder); an empty range counts when it sits inside (start < end) or at the same point. */
function overlaps(u: UndecidedItem, end: number): boolean {
  const start = positionOrder(u.range.start);
  return start < end || (start === end && positionOrder(u.range.end) === end);
}

/** The rules of a group, each once, in the order of their first item. */
export function rulesOf(group: readonly UndecidedItem[]): string[] {
  return [...new Set(group.map((u) => u.ruleId))];
}

/**
 * One sentence naming every rule: the words the texts share at their start
 * are said once ("Confirm that statement 12 … does not allow"), then each
 * rule's own ending with the rule in parentheses. Texts that share nothing
 * useful are listed whole.
 */
export function groupText(group: readonly UndecidedItem[]): string {
  const distinct = distinctBy(group, (u) => `${u.ruleId}\u0000${u.text}`);
  if (distinct.length === 1) return distinct[0]!.text;
  const prefix = commonWordPrefix(distinct.map((u) => u.text));
  const whole = prefix.trim().split(/\s+/).length < 3;
  const parts = distinct.map((u) => `${whole ? u.text : u.text.slice(prefix.length)} (${u.ruleId})`).join('; ');
  return whole ? parts : prefix + parts;
}

/** Each rule's reason; said once, without rule names, when every rule gives the same one. */
export function groupReason(group: readonly UndecidedItem[]): string {
  const reasons = [...new Set(group.map((u) => u.reason))];
  if (reasons.length === 1) return reasons[0]!;
  return distinctBy(group, (u) => `${u.ruleId}\u0000${u.reason}`)
    .map((u) => `${u.ruleId}: ${u.reason}`)
    .join('; ');
}

function distinctBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(key(i)) && (seen.add(key(i)), true));
}

/** The longest common prefix of all texts that ends after a space, with something left of every text after it. */
function commonWordPrefix(texts: readonly string[]): string {
  let n = Math.min(...texts.map((t) => t.length));
  const first = texts[0]!;
  for (const t of texts) {
    let i = 0;
    while (i < n && t[i] === first[i]) i++;
    n = i;
  }
  const cut = first.lastIndexOf(' ', n - 1);
  const prefix = cut < 0 ? '' : first.slice(0, cut + 1);
  return texts.every((t) => t.length > prefix.length) ? prefix : '';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
