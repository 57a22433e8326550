import { actionIndex, parseAction } from './action-index.js';
import { TextMemo } from '../text-memo.js';

/** Edit distance, for "did you mean" (action names are short; services have at most ~1,000 actions). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

function closest(candidates: Iterable<string>, wanted: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(wanted.length / 4)) + 1;
  const target = wanted.toLowerCase();
  for (const candidate of candidates) {
    // The distance is at least the difference in length: such a candidate cannot be closer.
    if (Math.abs(candidate.length - target.length) >= bestDistance) continue;
    const d = distance(candidate.toLowerCase(), target);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

const explanations = new TextMemo<string | undefined>(10_000);

/**
 * Why an action string names nothing, with a suggestion when there is an
 * obvious one; undefined when it is fine. Memoised: an action list is read
 * again in every module instance that holds it, and a suggestion searches
 * the whole catalog.
 */
export function explainUnknownAction(action: string): string | undefined {
  return explanations.get(action, explainAction);
}

function explainAction(action: string): string | undefined {
  const index = actionIndex();
  const parsed = parseAction(action);
  if (!parsed) return `"${action}" is not an action (actions are written service:Action, e.g. s3:GetObject)`;
  if (index.matchesAny(action)) return undefined;
  if (!/[*?]/.test(parsed.service) && !index.hasService(parsed.service)) {
    const service = closest(index.services(), parsed.service);
    return `"${action}": AWS has no service prefix "${parsed.service}"` + (service ? ` (did you mean "${service}"?)` : '');
  }
  if (parsed.hasWildcard) return `"${action}" matches no action of ${parsed.service}`;
  const names = [...(index.actionsOf(parsed.service)?.values() ?? [])].map((a) => a.name);
  const suggestion = closest(names, parsed.action);
  return `"${action}" is not an action of ${parsed.service}` + (suggestion ? ` (did you mean "${parsed.service}:${suggestion}"?)` : '');
}
