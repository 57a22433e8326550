import { defineRule, findAttribute, type RuleContext } from '../../server/src/engine/rules/rule.js';
import type { Attribute, Expression, SourceFile } from '../../server/src/engine/parse/ast.js';
import type { ResourceRef } from '../../server/src/engine/model/module.js';
import {
  AWS_POLICY_ATTACHMENTS,
  PRIVILEGED_GOOGLE_ROLES,
  broadAzureScope,
  googlePolicyBindings,
  privilegedAzureRole,
  privilegedPolicyOf,
} from '../../server/src/engine/iam/privileged-grants.js';
import { unparen } from '../../server/src/engine/iam/value-shape.js';
import { inScope, instances } from '../../server/src/engine/evaluate/existence.js';

const GOOGLE_MEMBER_OR_BINDING = /^google_[a-z0-9_]+_iam_(member|binding)$/;
const GOOGLE_POLICY = /^google_[a-z0-9_]+_iam_policy$/;

/**
 * Findings and checklist items of one block across its instances (`for_each`
 * over roles, a toggled attachment): each privileged grant once, and the
 * block undecided only when no instance reports and one is unknown.
 */
class Outcome {
  private readonly reports = new Map<string, { range: Attribute['range']; message: string }>();
  private pending: { range: Attribute['range']; text: string; reason: string } | undefined;

  constructor(
    private readonly ctx: RuleContext<unknown>,
    private readonly ref: ResourceRef,
    private readonly file: SourceFile,
  ) {}

  report(at: { range: Attribute['range'] }, message: string): void {
    this.reports.set(`${at.range.start.line}:${at.range.start.column}:${message}`, { range: at.range, message });
  }

  undecided(at: { range: Attribute['range'] }, text: string, reason: string): void {
    this.pending ??= { range: at.range, text, reason };
  }

  flush(): void {
    for (const { range, message } of this.reports.values()) this.ctx.report({ file: this.file, range, address: this.ref.address, message });
    if (!this.reports.size && this.pending) this.ctx.undecided({ file: this.file, address: this.ref.address, ...this.pending });
  }
}

/** Runs `check` in every instance of the block (`each.value` bound where known), reporting through one Outcome. */
function eachInstance(ctx: RuleContext<unknown>, ref: ResourceRef, check: (scoped: RuleContext<unknown>, out: Outcome) => void): void {
  const out = new Outcome(ctx, ref, ref.file);
  for (const instance of instances(ctx, ref.block, ref.file)) check(inScope(ctx, instance.scope), out);
  out.flush();
}

function checkAwsAttachment(ctx: RuleContext<unknown>, ref: ResourceRef, out: Outcome): void {
  for (const spec of AWS_POLICY_ATTACHMENTS) {
    if (spec.resourceType !== ref.type) continue;
    const attr = findAttribute(ref.block, spec.attribute);
    if (!attr) continue;
    const list = unparen(attr.expr);
    const items: Expression[] = spec.list && list.kind === 'Tuple' ? list.items : [attr.expr];
    for (const item of items) {
      const decision = privilegedPolicyOf(ctx, item, ref.file);
      const at = items.length > 1 || item !== attr.expr ? item : attr;
      if (decision.kind === 'yes') {
        out.report(at, `${ref.address} attaches the AWS managed policy ${decision.value} to a ${spec.principal}: grant the permissions the workload needs instead`);
      } else if (decision.kind === 'unknown') {
        out.undecided(at, `Confirm that ${ref.address} does not attach AdministratorAccess, IAMFullAccess or PowerUserAccess`, decision.reason);
      }
    }
  }
}

function checkGoogleRole(ctx: RuleContext<unknown>, ref: ResourceRef, role: Attribute, file: SourceFile, out: Outcome): void {
  const v = ctx.evaluate(role.expr, file);
  if (v.kind === 'unknown') {
    out.undecided(role, `Confirm that ${ref.address} does not grant roles/owner or roles/editor`, v.reason);
    return;
  }
  if (v.kind === 'string' && (PRIVILEGED_GOOGLE_ROLES as readonly string[]).includes(v.value)) {
    out.report(role, `${ref.address} grants the basic role ${v.value}: use predefined or custom roles with the permissions needed`);
  }
}

function checkGooglePolicy(ctx: RuleContext<unknown>, ref: ResourceRef, out: Outcome): void {
  const attr = findAttribute(ref.block, 'policy_data');
  if (!attr) return;
  const e = unparen(attr.expr);
  // `data.google_iam_policy.x.policy_data`: its bindings are checked where they are written, on the data block.
  if (e.kind === 'GetAttr' && e.name === 'policy_data' && e.object.kind === 'GetAttr' && e.object.object.kind === 'GetAttr' && e.object.object.name === 'google_iam_policy') return;
  const v = ctx.evaluate(attr.expr, ref.file);
  if (v.kind === 'unknown') {
    out.undecided(attr, `Confirm that ${ref.address} does not grant roles/owner or roles/editor`, v.reason);
    return;
  }
  if (v.kind !== 'string') return;
  let roles: string[] = [];
  try {
    const data = JSON.parse(v.value) as { bindings?: { role?: unknown }[] };
    roles = (data.bindings ?? []).map((b) => b.role).filter((r): r is string => typeof r === 'string');
  } catch {
    return;
  }
  const found = roles.filter((r) => (PRIVILEGED_GOOGLE_ROLES as readonly string[]).includes(r));
  if (found.length) out.report(attr, `${ref.address} grants the basic role ${found.join(' and ')}: use predefined or custom roles with the permissions needed`);
}

function checkAzureAssignment(ctx: RuleContext<unknown>, ref: ResourceRef, out: Outcome): void {
  const role = privilegedAzureRole(ctx, ref.block, ref.file);
  const scopeAttr = findAttribute(ref.block, 'scope');
  if (!role || !scopeAttr || role.decision.kind === 'no') return;
  const scope = broadAzureScope(ctx, scopeAttr.expr, ref.file);
  if (scope.kind === 'no') return;
  const text = `Confirm that ${ref.address} does not assign Owner, Contributor or User Access Administrator at subscription or management-group scope`;
  if (role.decision.kind === 'unknown') {
    out.undecided(role.attribute, text, `the role is not known statically: ${role.decision.reason}`);
  } else if (scope.kind === 'unknown') {
    out.undecided(role.attribute, text, `the scope is not known statically: ${scope.reason}`);
  } else {
    out.report(
      role.attribute,
      `${ref.address} assigns ${role.decision.value} at ${scope.value} scope: assign a narrower role, or the same role on a resource group or resource`,
    );
  }
}

export default defineRule({
  meta: {
    id: 'iam/privileged-attachment',
    title: 'No administrator-level roles or managed policies are granted',
    problem: 'admin access',
    category: 'iam',
    severity: 'error',
    rationale:
      'AdministratorAccess, PowerUserAccess and IAMFullAccess (which can grant itself everything else) make the holder an ' +
      'administrator of the account; Google\'s basic roles roles/owner and roles/editor cover nearly every service in ' +
      'their scope; Azure\'s Owner, Contributor and User Access Administrator on a whole subscription or management ' +
      'group do the same there. A compromised workload or person with them can do anything. Such grants should be ' +
      'rare, deliberate and reviewed — suppress with the approval as the reason where one is intended.',
    remediation:
      'Attach a policy or role with the permissions the principal needs (AWS: a customer managed policy or a narrower AWS ' +
      'managed one; Google: predefined roles such as roles/storage.objectViewer; Azure: a specific built-in role, or the ' +
      'same role scoped to a resource group).',
    equivalents: {
      checkov: ['CKV_AWS_274', 'CKV_GCP_115', 'CKV_GCP_116', 'CKV_GCP_117'],
    },
    examples: {
      failing: `resource "aws_iam_role_policy_attachment" "ci_admin" {
  role       = "ci"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
      passing: `resource "aws_iam_role_policy_attachment" "ci_read" {
  role       = "ci"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
    },
  },
  check(ctx) {
    for (const ref of ctx.module.resources) {
      if (ref.mode !== 'managed') continue;
      // Only attachment types have instances worth evaluating: expanding every resource's count / for_each would cost without deciding anything.
      if (AWS_POLICY_ATTACHMENTS.some((spec) => spec.resourceType === ref.type)) eachInstance(ctx, ref, (scoped, out) => checkAwsAttachment(scoped, ref, out));
      else if (GOOGLE_MEMBER_OR_BINDING.test(ref.type)) {
        const role = findAttribute(ref.block, 'role');
        if (role) eachInstance(ctx, ref, (scoped, out) => checkGoogleRole(scoped, ref, role, ref.file, out));
      } else if (GOOGLE_POLICY.test(ref.type)) eachInstance(ctx, ref, (scoped, out) => checkGooglePolicy(scoped, ref, out));
      else if (ref.type === 'azurerm_role_assignment') eachInstance(ctx, ref, (scoped, out) => checkAzureAssignment(scoped, ref, out));
    }
    for (const ref of ctx.module.dataSources) {
      if (ref.type !== 'google_iam_policy') continue;
      for (const role of googlePolicyBindings(ref.block)) eachInstance(ctx, ref, (scoped, out) => checkGoogleRole(scoped, ref, role, ref.file, out));
    }
  },
});
