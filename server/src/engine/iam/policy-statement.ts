import type { SourceFile } from '../parse/ast.js';
import type { Range } from '../range.js';
import type { RelatedInformation } from '../finding.js';
import type { UnknownValue, Value } from '../evaluate/value.js';

/**
 * How a policy is used, which decides what its `Resource` and `Principal`
 * mean: an identity policy grants its holder access to the resources it
 * names; a resource policy is attached to one resource, so `Resource: "*"`
 * there means "this resource" (a KMS key policy always says `*`); a trust
 * policy says who may assume a role.
 */
export type PolicyKind = 'identity' | 'resource' | 'trust';

/** The placeholder character standing for an unknown part of a string in an entry's `shape`. */
export const UNKNOWN_PART = '\u0000';

/** An unknown value that may know its outline: `arn:aws:s3:::\u0000/*` for `"${aws_s3_bucket.b.arn}/*"`. */
export interface ShapedUnknown extends UnknownValue {
  /** The string with each unknown part replaced by UNKNOWN_PART, when it is a template. */
  shape?: string;
}

export type PolicyEntry = { known: true; value: string } | { known: false; reason: string; shape?: string };

/** The strings of Action/Resource/…: some known, some not; `unknown` set when even the list is unknown. */
export interface PolicyEntryList {
  entries: PolicyEntry[];
  /** Why the list as a whole (how many entries, which) is unknown. */
  unknown?: string;
}

export interface PrincipalGroup {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  type: string;
  identifiers: PolicyEntryList;
}

export interface PrincipalSet {
  groups: PrincipalGroup[];
  unknown?: string;
}

/** One key of a Condition with its operator: `"Null": { "aws:RequestTag/team": "false" }`. */
export interface ConditionTest {
  /** As written: `StringEquals`, `ForAnyValue:StringLike`, `ArnLikeIfExists`, `Null`. */
  operator: string;
  key: string;
  /** The values compared against, when known: a string, a tuple of strings, or unknown. */
  values: Value;
}

export type Certain<T> = { known: true; value: T } | { known: false; reason: string };

/** Where a statement was written, and how a finding about it is placed (SPEC §2). */
export interface StatementLocation {
  file: SourceFile;
  range: Range;
  /** Terraform address of the block whose policy this is. */
  address?: string;
  /** Other places worth showing: where the policy is used, when it is defined in a local. */
  related: RelatedInformation[];
}

/** One policy statement, normalised from whichever way it was written. */
export interface PolicyStatement {
  sid?: string;
  effect: Certain<'Allow' | 'Deny'>;
  actions?: PolicyEntryList;
  notActions?: PolicyEntryList;
  resources?: PolicyEntryList;
  notResources?: PolicyEntryList;
  principals?: PrincipalSet;
  notPrincipals?: PrincipalSet;
  hasCondition: Certain<boolean>;
  /** The condition keys that are known (`aws:ResourceTag/team`, `iam:PassedToService`), as written. */
  conditionKeys: string[];
  /** Each known key with its operator and values; absent when nothing of the Condition could be read. */
  conditions?: ConditionTest[];
  kind: PolicyKind;
  /** `aws_iam_policy.deploy policy`, for messages. */
  policyName: string;
  /** 0-based position in its document. */
  index: number;
  location: StatementLocation;
}

/** A policy whose statements could not be read at all (certainty principle). */
export interface UndecidedPolicy {
  kind: PolicyKind;
  policyName: string;
  reason: string;
  location: StatementLocation;
  /** The policy is fully known text that is not JSON: AWS rejects it at apply, whatever it was meant to grant. */
  invalidJson?: true;
}

export function knownEntries(list: PolicyEntryList | undefined): string[] {
  const out: string[] = [];
  for (const e of list?.entries ?? []) if (e.known) out.push(e.value);
  return out;
}

/** Why the list may hold an entry matching `could` (an unknown entry that could be one, or an unknown list). */
export function unknownWhere(
  list: PolicyEntryList | undefined,
  could: (entry: Extract<PolicyEntry, { known: false }>) => boolean = () => true,
): string | undefined {
  if (!list) return undefined;
  if (list.unknown) return list.unknown;
  for (const e of list.entries) if (!e.known && could(e)) return e.reason;
  return undefined;
}

/**
 * Whether an unknown entry could turn out to be exactly `text` (e.g. `*`):
 * `"${aws_s3_bucket.b.arn}/*"` cannot be `*`, `var.resource` can.
 */
export function couldBe(entry: PolicyEntry, text: string): boolean {
  if (entry.known) return entry.value === text;
  if (entry.shape === undefined) return true;
  const literal = entry.shape.split(UNKNOWN_PART);
  if (literal.length === 1) return entry.shape === text;
  const first = literal[0]!;
  const last = literal[literal.length - 1]!;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  const limit = text.length - last.length;
  let pos = first.length;
  if (limit < pos) return false;
  for (let i = 1; i < literal.length - 1; i++) {
    const at = text.indexOf(literal[i]!, pos);
    if (at < 0 || at + literal[i]!.length > limit) return false;
    pos = at + literal[i]!.length;
  }
  return true;
}

/** True when an entry list has, or may have (unknown parts that could be it), the given string. */
export function mayContain(list: PolicyEntryList | undefined, text: string): 'yes' | 'no' | 'maybe' {
  if (!list) return 'no';
  let maybe = list.unknown !== undefined;
  for (const e of list.entries) {
    if (e.known) {
      if (e.value === text) return 'yes';
    } else if (couldBe(e, text)) maybe = true;
  }
  return maybe ? 'maybe' : 'no';
}

/** Converts a policy string-or-list value (Action, Resource, identifiers) to entries. */
export function entryList(value: Value): PolicyEntryList {
  switch (value.kind) {
    case 'unknown':
      // With an outline it is one string (a template); without, it may be a whole list.
      return (value as ShapedUnknown).shape === undefined ? { entries: [], unknown: value.reason } : { entries: [entry(value)] };
    case 'null':
      return { entries: [] };
    case 'tuple': {
      const entries: PolicyEntry[] = [];
      let unknown: string | undefined;
      for (const item of value.items) {
        if (item.kind === 'tuple' || item.kind === 'object') {
          // A nested list (e.g. `[var.actions]`) or a map is not valid policy JSON; read what is inside.
          const inner = entryList(item);
          for (const entry of inner.entries) entries.push(entry);
          unknown ??= inner.unknown;
        } else {
          entries.push(entry(item));
        }
      }
      return unknown ? { entries, unknown } : { entries };
    }
    case 'object':
      return { entries: [...value.entries.values()].map(entry) };
    default:
      return { entries: [entry(value)] };
  }
}

function entry(value: Value): PolicyEntry {
  switch (value.kind) {
    case 'string':
      return { known: true, value: value.value };
    case 'number':
      return { known: true, value: String(value.value) };
    case 'bool':
      return { known: true, value: String(value.value) };
    case 'unknown': {
      const shape = (value as ShapedUnknown).shape;
      return shape === undefined ? { known: false, reason: value.reason } : { known: false, reason: value.reason, shape };
    }
    default:
      return { known: true, value: '' };
  }
}

/** Reads a JSON-policy `Principal`: `"*"`, `{"AWS": "*"}`, `{"Service": ["a", "b"]}`. */
export function principalSet(value: Value): PrincipalSet {
  switch (value.kind) {
    case 'unknown':
      return { groups: [], unknown: value.reason };
    case 'string':
      return { groups: [{ type: value.value === '*' ? '*' : 'AWS', identifiers: { entries: [entry(value)] } }] };
    case 'object':
      return { groups: [...value.entries].map(([type, ids]) => ({ type, identifiers: entryList(ids) })) };
    default:
      return { groups: [] };
  }
}

/** True when the principal set includes everyone (`*`, `{"AWS": "*"}`, a list holding `*`). */
export function principalIsPublic(set: PrincipalSet | undefined): 'yes' | 'no' | 'maybe' {
  if (!set) return 'no';
  let maybe = set.unknown !== undefined;
  for (const group of set.groups) {
    if (group.type !== '*' && group.type !== 'AWS') continue;
    const found = mayContain(group.identifiers, '*');
    if (found === 'yes') return 'yes';
    if (found === 'maybe') maybe = true;
  }
  return maybe ? 'maybe' : 'no';
}

export function effectOf(value: Value | undefined): Certain<'Allow' | 'Deny'> {
  if (!value || value.kind === 'null') return { known: true, value: 'Allow' };
  if (value.kind === 'unknown') return { known: false, reason: value.reason };
  if (value.kind === 'string') {
    const v = value.value.toLowerCase();
    if (v === 'allow') return { known: true, value: 'Allow' };
    if (v === 'deny') return { known: true, value: 'Deny' };
  }
  return { known: false, reason: `the effect is not "Allow" or "Deny"` };
}

/** The JSON policy elements of one statement, as IAM spells them. */
const ELEMENTS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition'] as const;
type Element = (typeof ELEMENTS)[number];

/** Looks an element up by name; IAM element names are matched case-insensitively here to never miss one. */
export function statementElements(value: Value): Map<Element, Value> {
  const out = new Map<Element, Value>();
  if (value.kind !== 'object') return out;
  for (const [key, item] of value.entries) {
    const element = ELEMENTS.find((e) => e.toLowerCase() === key.toLowerCase());
    if (element && !out.has(element)) out.set(element, item);
  }
  return out;
}

/** Normalises one statement written as a JSON object (from jsonencode, a JSON string, a heredoc or a file). */
export function statementFromValue<L = StatementLocation>(
  value: Value,
  info: { kind: PolicyKind; policyName: string; index: number; location: L },
): Omit<PolicyStatement, 'location'> & { location: L } {
  if (value.kind === 'unknown') {
    const unknown = { known: false as const, reason: value.reason };
    return {
      effect: unknown,
      actions: { entries: [], unknown: value.reason },
      resources: { entries: [], unknown: value.reason },
      principals: info.kind === 'identity' ? undefined : { groups: [], unknown: value.reason },
      hasCondition: unknown,
      conditionKeys: [],
      ...info,
    };
  }
  const el = statementElements(value);
  const statement: Omit<PolicyStatement, 'location'> & { location: L } = {
    effect: effectOf(el.get('Effect') ?? { kind: 'null' }),
    hasCondition: conditionPresence(el.get('Condition')),
    conditionKeys: conditionKeys(el.get('Condition')),
    conditions: conditionTests(el.get('Condition')),
    ...info,
  };
  // A missing Effect is invalid JSON policy; treat it as unknown rather than guess.
  if (!el.has('Effect')) statement.effect = { known: false, reason: 'the statement has no Effect' };
  const sid = el.get('Sid');
  if (sid?.kind === 'string') statement.sid = sid.value;
  const lists: [Element, 'actions' | 'notActions' | 'resources' | 'notResources'][] = [
    ['Action', 'actions'],
    ['NotAction', 'notActions'],
    ['Resource', 'resources'],
    ['NotResource', 'notResources'],
  ];
  for (const [element, field] of lists) {
    const v = el.get(element);
    if (v && v.kind !== 'null') statement[field] = entryList(v);
  }
  const principal = el.get('Principal');
  if (principal && principal.kind !== 'null') statement.principals = principalSet(principal);
  const notPrincipal = el.get('NotPrincipal');
  if (notPrincipal && notPrincipal.kind !== 'null') statement.notPrincipals = principalSet(notPrincipal);
  return statement;
}

/** `{ StringEquals: { "aws:ResourceTag/team": … } }` → the keys under each operator. */
function conditionKeys(value: Value | undefined): string[] {
  if (!value || value.kind !== 'object') return [];
  const keys: string[] = [];
  for (const operator of value.entries.values()) {
    if (operator.kind === 'object') for (const key of operator.entries.keys()) keys.push(key);
  }
  return keys;
}

/** `{ Null: { "aws:RequestTag/team": "false" } }` → each key with its operator and values. */
function conditionTests(value: Value | undefined): ConditionTest[] {
  if (!value || value.kind !== 'object') return [];
  const tests: ConditionTest[] = [];
  for (const [operator, keys] of value.entries) {
    if (keys.kind === 'object') for (const [key, values] of keys.entries) tests.push({ operator, key, values });
  }
  return tests;
}

function conditionPresence(value: Value | undefined): Certain<boolean> {
  if (!value || value.kind === 'null') return { known: true, value: false };
  if (value.kind === 'unknown') return { known: false, reason: value.reason };
  if (value.kind === 'object') return { known: true, value: value.entries.size > 0 };
  return { known: true, value: true };
}

/** `the second statement ("AllowS3")`, for messages. */
export function describeStatement(statement: PolicyStatement): string {
  const ordinal = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'][statement.index];
  const where = ordinal ? `the ${ordinal} statement` : `statement ${statement.index + 1}`;
  return statement.sid ? `${where} ("${statement.sid}")` : where;
}
