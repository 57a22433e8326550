import { SENSITIVE, UNKNOWN_AFTER_APPLY, type PlanValue } from './plan-model.js';
import { bool, NULL, num, object, str, tuple, unknown, type Value } from '../evaluate/value.js';

/**
 * A root name no HCL identifier can spell: the evaluator reads a variable
 * named with it as an unknown value whose reason is the rest of the name
 * (modules built from a plan, plan/planned-stand-in.ts).
 */
export const PLANNED_UNKNOWN = '\u0000planned-unknown:';

/** Why a planned value is still unknown: said to a reviewer in the checklist. */
export const AFTER_APPLY_REASON = 'the plan says it is known only after apply';
export const SENSITIVE_REASON = 'the plan marks it sensitive, and a review never reads sensitive values';

/**
 * A value from the plan as the evaluator's Value: what the plan knows is
 * known; `after_unknown` stays unknown, and a sensitive value is unknown too
 * (certainty principle: undecided, never a finding, never printed).
 */
export function planValueToValue(v: PlanValue, address: string): Value {
  if (v === SENSITIVE) return unknown(`${address}: ${SENSITIVE_REASON}`);
  if (v === UNKNOWN_AFTER_APPLY) return unknown(`${address}: ${AFTER_APPLY_REASON}`);
  if (v === null) return NULL;
  switch (typeof v) {
    case 'string':
      return str(v);
    case 'number':
      return num(v);
    case 'boolean':
      return bool(v);
  }
  if (Array.isArray(v)) return tuple(v.map((item) => planValueToValue(item, address)));
  const entries = new Map<string, Value>();
  for (const [k, item] of Object.entries(v)) entries.set(k, planValueToValue(item, address));
  return object(entries);
}

/** Whether a value holds no unknown anywhere. */
export function fullyKnown(v: Value): boolean {
  switch (v.kind) {
    case 'unknown':
      return false;
    case 'tuple':
      return v.items.every(fullyKnown);
    case 'object':
      for (const item of v.entries.values()) if (!fullyKnown(item)) return false;
      return true;
    default:
      return true;
  }
}

/**
 * The code's value with its unknown parts taken from the plan: what the code
 * knows it keeps (with its origin, for placing findings), what only the plan
 * knows comes from the plan. Shapes that do not line up keep the code's value; where it is unknown, the plan's, else
 * stay as the code has them. A list is taken whole: a set's order in the
 * plan is not the code's.
 */
export function fillFromPlan(code: Value, planned: Value): Value {
  if (code.kind === 'unknown') return code.origin && !planned.origin ? { ...planned, origin: code.origin } : planned;
  if (code.kind === 'object' && planned.kind === 'object') {
    let changed = false;
    const entries = new Map<string, Value>();
    for (const [k, item] of code.entries) {
      const p = planned.entries.get(k);
      const filled = p ? fillFromPlan(item, p) : item;
      if (filled !== item) changed = true;
      entries.set(k, filled);
    }
    return changed ? { ...code, entries } : code;
  }
  // A list or set: Terraform orders a set as it likes (the plan's order is not the code's), so elements cannot be
  // paired up; the plan's whole value is the truth where the code's is not fully known.
  if (code.kind === 'tuple' && planned.kind === 'tuple') return fullyKnown(code) ? code : { ...planned, origin: code.origin ?? planned.origin };
  return code;
}
