import type { Attribute, Block, Expression, SourceFile } from '../parse/ast.js';
import type { Module, ResourceRef } from '../model/module.js';
import { findAttribute, findBlocks } from '../rules/rule.js';
import type { Value } from '../evaluate/value.js';
import { UNKNOWN_PART, type ShapedUnknown } from './policy-statement.js';
import { shapedValue, unparen, type EvaluationContext } from './value-shape.js';

/** AWS managed policies that make the holder (nearly) an administrator. */
export const PRIVILEGED_AWS_POLICIES = ['AdministratorAccess', 'IAMFullAccess', 'PowerUserAccess'] as const;
/** Google's basic roles that grant (almost) everything in their scope. */
export const PRIVILEGED_GOOGLE_ROLES = ['roles/owner', 'roles/editor'] as const;
/** Azure built-in roles that can change anything or grant access, by name and role definition id. */
export const PRIVILEGED_AZURE_ROLES: Record<string, string> = {
  owner: 'Owner',
  contributor: 'Contributor',
  'user access administrator': 'User Access Administrator',
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-49ab-a0dc-b7e33a7d0a36': 'Contributor',
  '18d7d88d-d35d-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
};

/** Where AWS managed policies are attached: resource type → argument, and whether it holds a list. */
export const AWS_POLICY_ATTACHMENTS: readonly { resourceType: string; attribute: string; list: boolean; principal: string }[] = [
  { resourceType: 'aws_iam_role_policy_attachment', attribute: 'policy_arn', list: false, principal: 'role' },
  { resourceType: 'aws_iam_user_policy_attachment', attribute: 'policy_arn', list: false, principal: 'user' },
  { resourceType: 'aws_iam_group_policy_attachment', attribute: 'policy_arn', list: false, principal: 'group' },
  { resourceType: 'aws_iam_policy_attachment', attribute: 'policy_arn', list: false, principal: 'users, groups or roles' },
  { resourceType: 'aws_iam_role', attribute: 'managed_policy_arns', list: true, principal: 'role' },
  { resourceType: 'aws_iam_role_policy_attachments_exclusive', attribute: 'policy_arns', list: true, principal: 'role' },
  { resourceType: 'aws_iam_user_policy_attachments_exclusive', attribute: 'policy_arns', list: true, principal: 'user' },
  { resourceType: 'aws_iam_group_policy_attachments_exclusive', attribute: 'policy_arns', list: true, principal: 'group' },
  { resourceType: 'aws_ssoadmin_managed_policy_attachment', attribute: 'managed_policy_arn', list: false, principal: 'permission set' },
];

/**
 * One character class for the partition, not `(?:[a-z-]+|\u0000)+`: nested
 * quantifiers backtrack exponentially on an ARN such as
 * `arn:aaaa…a:iam::aws:policy/AdministratorAccessX`. The class excludes `:`,
 * so the pattern is linear.
 */
const MANAGED_POLICY_ARN = new RegExp(`^arn:[a-z${UNKNOWN_PART}-]+:iam::aws:policy/(${PRIVILEGED_AWS_POLICIES.join('|')})$`);

/** The privileged AWS managed policy an ARN (or its known outline) names. */
export function privilegedPolicyName(arnOrShape: string): string | undefined {
  return MANAGED_POLICY_ARN.exec(arnOrShape)?.[1];
}

export type Decision<T> = { kind: 'yes'; value: T } | { kind: 'no' } | { kind: 'unknown'; reason: string };

/**
 * Whether a policy ARN expression names a privileged AWS managed policy:
 * a literal ARN, a template with a computed partition, or a reference to a
 * `data "aws_iam_policy"` looked up by name or ARN.
 */
export function privilegedPolicyOf(ctx: EvaluationContext, expr: Expression, file: SourceFile): Decision<string> {
  const lookup = policyDataSource(ctx.module, unparen(expr));
  if (lookup) {
    for (const name of ['name', 'arn']) {
      const attr = findAttribute(lookup.block, name);
      if (!attr) continue;
      const v = shapedValue(ctx, attr.expr, lookup.file);
      const text = textOf(v);
      if (text === undefined) return { kind: 'unknown', reason: `${lookup.address} ${name}: ${unknownReason(v)}` };
      const found = name === 'name' ? PRIVILEGED_AWS_POLICIES.find((p) => p === text) : privilegedPolicyName(text);
      return found ? { kind: 'yes', value: found } : { kind: 'no' };
    }
    return { kind: 'no' };
  }
  const v = shapedValue(ctx, expr, file);
  const text = textOf(v);
  if (text === undefined) return { kind: 'unknown', reason: unknownReason(v) };
  const found = privilegedPolicyName(text);
  if (found) return { kind: 'yes', value: found };
  // An outline such as `arn:aws:iam::aws:policy/\u0000` could still name one of them; the ARN of a
  // policy this configuration manages (`aws_iam_policy.x.arn`, outline `arn:\u0000`) cannot.
  if (text !== `arn:${UNKNOWN_PART}` && text.includes(UNKNOWN_PART) && !/^arn:[^\u0000]*:iam::\d{12}:/.test(text) && !namesPolicyAfterUnknowns(text)) {
    return { kind: 'unknown', reason: unknownReason(v) };
  }
  return { kind: 'no' };
}

/**
 * True when the outline ends in `policy/<name>` with nothing unknown after
 * `policy/` (what `/policy\/[^\u0000]+$/` says, without its quadratic retry
 * from every `policy/` of a long outline): the one such `policy/` that can
 * qualify is the first after the last unknown part.
 */
function namesPolicyAfterUnknowns(text: string): boolean {
  const at = text.indexOf('policy/', text.lastIndexOf(UNKNOWN_PART) + 1);
  return at >= 0 && at + 'policy/'.length < text.length;
}

/** A known string, or the outline of a partly known one. */
function textOf(v: Value): string | undefined {
  if (v.kind === 'string') return v.value;
  if (v.kind === 'unknown') return (v as ShapedUnknown).shape;
  return undefined;
}

function unknownReason(v: Value): string {
  return v.kind === 'unknown' ? v.reason : 'the value is not a string';
}

/** `data.aws_iam_policy.NAME.arn` → the data block. */
function policyDataSource(module: Module, e: Expression): ResourceRef | undefined {
  if (e.kind !== 'GetAttr' || e.name !== 'arn') return undefined;
  let inner = e.object;
  if (inner.kind === 'Index') inner = inner.object;
  if (inner.kind !== 'GetAttr' || inner.object.kind !== 'GetAttr' || inner.object.name !== 'aws_iam_policy') return undefined;
  if (inner.object.object.kind !== 'Variable' || inner.object.object.name !== 'data') return undefined;
  const ref = module.byAddress.get(`data.aws_iam_policy.${inner.name}`);
  return ref && 'mode' in ref ? ref : undefined;
}

/** The role bindings of a `data "google_iam_policy"`: each `binding { role = … }`. */
export function googlePolicyBindings(block: Block): Attribute[] {
  return findBlocks(block, 'binding').flatMap((b) => {
    const role = findAttribute(b, 'role');
    return role ? [role] : [];
  });
}

const SUBSCRIPTION_SCOPE = new RegExp(`^/subscriptions/[^/]+/?$`, 'i');
const MANAGEMENT_GROUP_SCOPE = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i;

/** Whether an Azure scope is a whole subscription or a management group (or the tenant root). */
export function broadAzureScope(ctx: EvaluationContext, expr: Expression, file: SourceFile): Decision<string> {
  const e = unparen(expr);
  // `data.azurerm_subscription.current.id` is always `/subscriptions/<id>`.
  if (e.kind === 'GetAttr' && e.name === 'id' && e.object.kind === 'GetAttr') {
    const type = e.object.object;
    const typeName = type.kind === 'GetAttr' ? type.name : type.kind === 'Variable' ? type.name : undefined;
    if (typeName === 'azurerm_subscription') return { kind: 'yes', value: 'subscription' };
    if (typeName === 'azurerm_management_group') return { kind: 'yes', value: 'management group' };
  }
  const v = shapedValue(ctx, e, file);
  const text = textOf(v);
  if (text === undefined) return { kind: 'unknown', reason: unknownReason(v) };
  if (text === '/') return { kind: 'yes', value: 'tenant root' };
  if (SUBSCRIPTION_SCOPE.test(text)) return { kind: 'yes', value: 'subscription' };
  if (MANAGEMENT_GROUP_SCOPE.test(text)) return { kind: 'yes', value: 'management group' };
  if (text === UNKNOWN_PART) return { kind: 'unknown', reason: unknownReason(v) };
  return { kind: 'no' };
}

/** The privileged Azure role named by `role_definition_name` or a `role_definition_id` ending in a built-in role's id. */
export function privilegedAzureRole(ctx: EvaluationContext, block: Block, file: SourceFile): { attribute: Attribute; decision: Decision<string> } | undefined {
  const byName = findAttribute(block, 'role_definition_name');
  const byId = findAttribute(block, 'role_definition_id');
  const attribute = byName ?? byId;
  if (!attribute) return undefined;
  const v = shapedValue(ctx, attribute.expr, file);
  const text = textOf(v);
  if (text === undefined || (byName && text.includes(UNKNOWN_PART))) return { attribute, decision: { kind: 'unknown', reason: unknownReason(v) } };
  const key = byName ? text.trim().toLowerCase() : (text.split('/').pop() ?? '').toLowerCase();
  const role = PRIVILEGED_AZURE_ROLES[key];
  return { attribute, decision: role ? { kind: 'yes', value: role } : { kind: 'no' } };
}
