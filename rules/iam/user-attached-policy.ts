import { defineRule, findAttribute, headerRange } from '../../server/src/engine/rules/rule.js';

/** Resource types that give a policy to IAM users, and how. */
const USER_POLICY_TYPES: Record<string, string> = {
  aws_iam_user_policy: 'an inline policy',
  aws_iam_user_policy_attachment: 'a managed policy',
  aws_iam_user_policy_attachments_exclusive: 'managed policies',
  aws_iam_user_policies_exclusive: 'inline policies',
};

export default defineRule({
  meta: {
    id: 'iam/user-attached-policy',
    title: 'Policies are attached to groups or roles, not users',
    problem: 'attached to a user',
    category: 'iam',
    severity: 'warning',
    rationale:
      'Permissions given to individual IAM users are hard to review and easy to forget when people change teams: each ' +
      'user ends up with a private, growing set of grants (CIS AWS Foundations 1.15). Granting through groups — or better, ' +
      'roles assumed through SSO — keeps access in a few reviewed places.',
    remediation:
      'Attach the policy to an `aws_iam_group` and add the user with `aws_iam_user_group_membership`, or move the ' +
      'workload to a role (`aws_iam_role`) it assumes.',
    equivalents: {
      tfsec: ['aws-iam-no-user-attached-policies'],
      trivy: ['AVD-AWS-0143'],
      checkov: ['CKV_AWS_40'],
    },
    examples: {
      failing: `resource "aws_iam_user_policy_attachment" "alice_s3" {
  user       = "alice"
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}
`,
      passing: `resource "aws_iam_group_policy_attachment" "analysts_s3" {
  group      = "analysts"
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
}
`,
    },
  },
  check(ctx) {
    for (const ref of ctx.module.resources) {
      if (ref.mode !== 'managed') continue;
      const what = USER_POLICY_TYPES[ref.type];
      if (what) {
        ctx.report({
          file: ref.file,
          range: headerRange(ref.block),
          address: ref.address,
          message: `${ref.address} gives ${what} directly to an IAM user: attach it to a group or role instead`,
        });
        continue;
      }
      if (ref.type !== 'aws_iam_policy_attachment') continue;
      const users = findAttribute(ref.block, 'users');
      if (!users) continue;
      const v = ctx.evaluate(users.expr, ref.file);
      if (v.kind === 'unknown') {
        ctx.undecided({
          file: ref.file,
          range: users.range,
          address: ref.address,
          text: `Confirm that ${ref.address} attaches its policy to no IAM users`,
          reason: v.reason,
        });
      } else if (v.kind === 'tuple' && v.items.length > 0) {
        ctx.report({
          file: ref.file,
          range: users.range,
          address: ref.address,
          message: `${ref.address} attaches a policy directly to IAM users: attach it to a group or role instead`,
        });
      }
    }
  },
});
