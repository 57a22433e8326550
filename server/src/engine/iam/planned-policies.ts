/**
 * Policies the code cannot read, read from the plan (SPEC §10): Terraform
 * renders every policy argument to JSON text before apply, so the plan holds
 * the statements a variable, a dynamic block or a data source left open. The
 * code's statements keep their places; only their unknown parts are taken
 * from the plan, statement by statement, where the statements line up.
 */
import type { Attribute } from '../parse/ast.js';
import type { RuleContext } from '../rules/rule.js';
import { findAttribute } from '../rules/rule.js';
import { fromJson, type Value } from '../evaluate/value.js';
import { policyAttributesOf } from './policy-attributes.js';
import { statementFromValue, type PolicyStatement, type PolicyEntryList, type PrincipalSet } from './policy-statement.js';
import type { PolicySet } from './policy-sources.js';
import { policyDocumentAddress } from './policy-sources.js';
import { unparen } from './value-shape.js';

export type PlanReader = Pick<RuleContext<unknown>, 'module' | 'plannedArgument'>;

export function withPlannedPolicies(set: PolicySet, ctx: PlanReader): PolicySet {
  let statements = set.statements;
  let undecided = set.undecided;
  for (const ref of ctx.module.resources) {
    if (ref.mode !== 'managed' || findAttribute(ref.block, 'count') || findAttribute(ref.block, 'for_each')) continue;
    for (const spec of policyAttributesOf(ref.type)) {
      if (spec.block) continue;
      const attribute = findAttribute(ref.block, spec.attribute);
      if (!attribute) continue;
      const planned = plannedStatements(ctx, ref.block, attribute);
      if (!planned) continue;
      const policyName = `${ref.address} ${spec.attribute}`;
      const document = policyDocumentAddress(unparen(attribute.expr));
      const owner = (s: { policyName: string }) => s.policyName === policyName || (document !== undefined && s.policyName === document);
      const mine = statements.filter(owner).sort((a, b) => a.index - b.index);
      const open = undecided.filter(owner);
      if (!mine.some(hasUnknownParts) && open.length === 0) continue;
      const location = { file: ref.file, range: attribute.range, address: ref.address, related: [] };
      const kind = mine[0]?.kind ?? open[0]?.kind ?? spec.kind;
      let replaced: PolicyStatement[];
      if (open.length === 0 && mine.length === planned.length) {
        // Statement by statement: the code's places, the plan's values where the code's are unknown.
        replaced = mine.map((s, i) => (hasUnknownParts(s) ? statementFromValue(planned[i]!, { kind: s.kind, policyName: s.policyName, index: s.index, location: s.location }) : s));
      } else if (open.length > 0 || mine.every(hasUnknownParts)) {
        // Nothing of it lines up (a whole policy unknown, dynamic statements): the plan's statements, on the argument.
        replaced = planned.map((v, index) => statementFromValue(v, { kind, policyName, index, location }));
      } else continue;
      statements = [...statements.filter((s) => !owner(s)), ...replaced];
      undecided = undecided.filter((u) => !owner(u));
    }
  }
  return statements === set.statements && undecided === set.undecided ? set : { statements, undecided };
}

/** The statements of a policy argument as the plan renders it, when it knows the whole text. */
function plannedStatements(ctx: PlanReader, block: Parameters<PlanReader['plannedArgument']>[0], attribute: Attribute): Value[] | undefined {
  const text = ctx.plannedArgument(block, attribute.name);
  if (text?.kind !== 'string') return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(text.value);
  } catch {
    return undefined;
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const key = Object.keys(doc).find((k) => k.toLowerCase() === 'statement');
  if (!key) return [];
  const raw = (doc as Record<string, unknown>)[key];
  return (Array.isArray(raw) ? raw : [raw]).map((s) => fromJson(s));
}

function hasUnknownParts(s: PolicyStatement): boolean {
  return !s.effect.known || !s.hasCondition.known || [s.actions, s.notActions, s.resources, s.notResources].some(listUnknown) || [s.principals, s.notPrincipals].some(principalsUnknown);
}

function listUnknown(list: PolicyEntryList | undefined): boolean {
  return !!list && (list.unknown !== undefined || list.entries.some((e) => !e.known));
}

function principalsUnknown(p: PrincipalSet | undefined): boolean {
  return !!p && (p.unknown !== undefined || p.groups.some((g) => listUnknown(g.identifiers)));
}
