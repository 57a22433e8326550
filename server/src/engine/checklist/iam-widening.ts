import type { PolicyEntryList, PolicyStatement, PrincipalSet, StatementLocation } from '../iam/policy-statement.js';
import { hasWildcard, wildcardCovers } from '../iam/wildcard.js';

/**
 * A statement as the comparison reads it: what it grants, and where it is
 * written — a place in the code (diff mode), or any other handle (a
 * statement's position in a policy document the plan holds).
 */
export type ComparedStatement<L = StatementLocation> = Omit<PolicyStatement, 'location'> & { location: L };

/** What the Allow statements of one policy owner grant, as written (entries kept with the statement that holds them). */
interface Grants<L> {
  /** dimension (`actions`, `resources`, …) → entry → first statement that has it. */
  entries: Map<Dimension, Map<string, L>>;
  /** Reasons entries could not be read. */
  unknown: Map<string, L>;
  /** Allow statements that apply without a Condition. */
  unconditioned: L[];
}

type Dimension = 'actions' | 'resources' | 'principals' | 'NotAction' | 'NotResource';

const DIMENSIONS: readonly Dimension[] = ['actions', 'resources', 'principals', 'NotAction', 'NotResource'];

/** IAM compares actions case-insensitively; ARNs and principals exactly. */
const CASE_INSENSITIVE: ReadonlySet<Dimension> = new Set(['actions', 'NotAction']);

/** How the access granted by one policy owner changed between the base and the head of a change. */
export interface AccessChange<L = StatementLocation> {
  /** `actions s3:PutObject, s3:DeleteObject`, `principals AWS:*`, `an Allow statement without a Condition`. */
  gained: string[];
  /** Parts of the head that could not be read and were not unreadable at the base: the access may have widened. */
  unknown: string[];
  /** Where the first gain (or unknown part) is written; else the first statement. */
  location: L;
}

/**
 * Compares the statements one block's policies had at the base with those it
 * has now. An entry is gained when no base entry of the same kind covers it
 * (IAM wildcards honoured: `s3:*` at the base covers `s3:GetObject` and
 * `s3:Get*` now, but `s3:GetObj?ct` does not cover `s3:GetObj*ct`), so a
 * narrowing is not reported as a widening and a widening is never hidden.
 * Undefined when the statements are the same.
 */
export function accessChange<L>(base: readonly ComparedStatement<L>[], head: readonly ComparedStatement<L>[]): AccessChange<L> | undefined {
  if (head.length === 0) return undefined;
  const before = grantsOf(base);
  const after = grantsOf(head);
  const gained: string[] = [];
  let location: L | undefined;
  for (const dimension of DIMENSIONS) {
    const had = before.entries.get(dimension) ?? new Map<string, L>();
    const caseInsensitive = CASE_INSENSITIVE.has(dimension);
    // Exact entries are looked up; only the base's wildcard entries need a comparison.
    const exact = new Set([...had.keys()].map((e) => (caseInsensitive ? e.toLowerCase() : e)));
    const patterns = [...had.keys()].filter(hasWildcard);
    const fresh: string[] = [];
    for (const [entry, where] of after.entries.get(dimension) ?? []) {
      if (exact.has(caseInsensitive ? entry.toLowerCase() : entry)) continue;
      if (patterns.some((pattern) => wildcardCovers(pattern, entry, { caseInsensitive }))) continue;
      fresh.push(entry);
      location ??= where;
    }
    if (fresh.length) gained.push(`${dimension} ${fresh.join(', ')}`);
  }
  if (after.unconditioned.length > before.unconditioned.length) {
    gained.push(after.unconditioned.length - before.unconditioned.length === 1 ? 'an Allow statement without a Condition' : 'Allow statements without a Condition');
    location ??= after.unconditioned[0];
  }
  const unknown: string[] = [];
  for (const [reason, where] of after.unknown) {
    if (before.unknown.has(reason)) continue;
    unknown.push(reason);
    location ??= where;
  }
  if (gained.length === 0 && unknown.length === 0 && sameStatements(base, head)) return undefined;
  return { gained, unknown, location: location ?? head[0]!.location };
}

function grantsOf<L>(statements: readonly ComparedStatement<L>[]): Grants<L> {
  const grants: Grants<L> = { entries: new Map(DIMENSIONS.map((d) => [d, new Map()])), unknown: new Map(), unconditioned: [] };
  for (const s of statements) {
    if (s.effect.known && s.effect.value === 'Deny') continue;
    const add = (dimension: Dimension, list: PolicyEntryList | undefined) => {
      if (!list) return;
      const map = grants.entries.get(dimension)!;
      for (const e of list.entries) {
        if (e.known) {
          keepFirst(map, e.value, s.location);
        } else keepFirst(grants.unknown, e.reason, s.location);
      }
      if (list.unknown !== undefined) keepFirst(grants.unknown, list.unknown, s.location);
    };
    add('actions', s.actions);
    add('resources', s.resources);
    add('NotAction', s.notActions);
    add('NotResource', s.notResources);
    addPrincipals(grants, s.principals, s.location);
    if (s.hasCondition.known && !s.hasCondition.value) grants.unconditioned.push(s.location);
    if (!s.effect.known) keepFirst(grants.unknown, s.effect.reason, s.location);
  }
  return grants;
}

function addPrincipals<L>(grants: Grants<L>, principals: PrincipalSet | undefined, location: L): void {
  if (!principals) return;
  const map = grants.entries.get('principals')!;
  for (const group of principals.groups) {
    for (const e of group.identifiers.entries) {
      if (e.known) {
        const key = group.type === '*' ? '*' : `${group.type}:${e.value}`;
        keepFirst(map, key, location);
      } else keepFirst(grants.unknown, e.reason, location);
    }
    if (group.identifiers.unknown !== undefined) keepFirst(grants.unknown, group.identifiers.unknown, location);
  }
  if (principals.unknown !== undefined) keepFirst(grants.unknown, principals.unknown, location);
}

/** Records where an entry (or a reason entries could not be read) is first written. */
function keepFirst<L>(map: Map<string, L>, key: string, location: L): void {
  if (!map.has(key)) map.set(key, location);
}

/** Statements compared by what they say (not where they are written). */
function sameStatements<L>(a: readonly ComparedStatement<L>[], b: readonly ComparedStatement<L>[]): boolean {
  const key = (s: ComparedStatement<L>) =>
    JSON.stringify([s.effect, s.actions, s.notActions, s.resources, s.notResources, s.principals, s.notPrincipals, s.hasCondition, s.conditionKeys]);
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}
