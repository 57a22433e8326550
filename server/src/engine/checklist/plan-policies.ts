import { fromJson } from '../evaluate/value.js';
import { policyAttributesOf, type PolicyAttributeSpec } from '../iam/policy-attributes.js';
import { statementFromValue } from '../iam/policy-statement.js';
import type { PlannedResource, PlanValue } from '../plan/plan-model.js';
import { accessChange, type ComparedStatement } from './iam-widening.js';
import { attribute, opaqueReason } from './plan-values.js';

/** A statement of a policy document the plan holds: placed by its position in the document. */
type PlanStatement = ComparedStatement<number>;

/** The statements of one resource's policies as the plan holds them, or why they cannot be read. */
type Documents = { statements: PlanStatement[]; unreadable: string[]; texts: string[] };

/** What the plan's before/after of one resource's policies say about its access. */
export type PlanAccessChange =
  | { kind: 'widened'; gained: string[]; isNew: boolean }
  | { kind: 'unreadable'; reasons: string[] }
  | { kind: 'changed' };

/**
 * Compares the policies a resource has before and after the plan (SPEC §10),
 * with the widening logic of diff mode (iam-widening.ts) on the rendered
 * documents: what `jsonencode`, a policy document data source or a registry
 * module produced, not what the code says. A document the plan marks
 * sensitive or known only after apply cannot be compared: that is said, and
 * nothing is guessed. Undefined when nothing a policy grants changed.
 */
export function planAccessChange(resource: PlannedResource): PlanAccessChange | undefined {
  const specs = policyAttributesOf(resource.type);
  if (specs.length === 0) return undefined;
  const before = documentsOf(resource.before, specs, resource.address);
  const after = documentsOf(resource.after, specs, resource.address);
  if (after.unreadable.length) return { kind: 'unreadable', reasons: [...new Set(after.unreadable)] };
  if (after.texts.length === 0) return undefined;
  if (before.unreadable.length === 0 && before.texts.join('\u0000') === after.texts.join('\u0000')) return undefined;
  const change = accessChange(before.statements, after.statements);
  if (!change) return undefined;
  if (change.gained.length) return { kind: 'widened', gained: change.gained, isNew: before.texts.length === 0 && before.unreadable.length === 0 };
  if (change.unknown.length) return { kind: 'unreadable', reasons: change.unknown };
  return { kind: 'changed' };
}

function documentsOf(value: PlanValue, specs: readonly PolicyAttributeSpec[], address: string): Documents {
  const out: Documents = { statements: [], unreadable: [], texts: [] };
  for (const spec of specs) {
    const holders: PlanValue[] = spec.block ? blocksOf(attribute(value, spec.block), out) : [value];
    for (const holder of holders) {
      const document = attribute(holder, spec.attribute);
      const why = opaqueReason(document);
      if (why) {
        out.unreadable.push(`\`${spec.attribute}\` is ${why}`);
        continue;
      }
      if (typeof document !== 'string' || document.trim() === '') continue;
      out.texts.push(document);
      readDocument(document, spec, `${address} ${spec.attribute}`, out);
    }
  }
  return out;
}

/** A nested block in the plan is a list of objects (or one object); an opaque one is unreadable. */
function blocksOf(value: PlanValue | undefined, out: Documents): PlanValue[] {
  const why = opaqueReason(value);
  if (why) {
    out.unreadable.push(`the block holding the policy is ${why}`);
    return [];
  }
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

function readDocument(text: string, spec: PolicyAttributeSpec, policyName: string, out: Documents): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    out.unreadable.push(`\`${spec.attribute}\` is not JSON`);
    return;
  }
  const statements = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).Statement : undefined;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  for (const s of list) {
    const index = out.statements.length;
    out.statements.push(statementFromValue(fromJson(s), { kind: spec.kind, policyName, index, location: index }));
  }
}
