import { defineRule } from '../../server/src/engine/rules/rule.js';
import { grantsAction } from '../../server/src/engine/iam/action-index.js';
import { policiesOf } from '../../server/src/engine/iam/policy-sources.js';
import { couldBe, knownEntries, mayContain, unknownWhere, type PolicyEntry } from '../../server/src/engine/iam/policy-statement.js';
import {
  allowStatus,
  reportStatement,
  statementLabel,
  undecidedPolicy,
  undecidedStatement,
} from '../../server/src/engine/iam/statement-findings.js';

const grantsPassRole = (action: string): boolean => grantsAction(action, 'iam:PassRole');

function mayGrantPassRole(entry: PolicyEntry): boolean {
  if (entry.known) return grantsPassRole(entry.value);
  if (entry.shape === undefined) return true;
  return grantsPassRole(entry.shape.replace(/\u0000/g, '*'));
}

export default defineRule({
  meta: {
    id: 'iam/passrole-wildcard',
    title: 'iam:PassRole is limited to named roles',
    problem: 'PassRole on *',
    category: 'iam',
    severity: 'error',
    rationale:
      '`iam:PassRole` lets a principal hand a role to a service (an EC2 instance, a Lambda function, a Glue job). On ' +
      'Resource `*` it can pass any role in the account — including an administrator role — to compute it controls, and ' +
      'so act with that role\'s permissions: a classic privilege escalation. `iam:*` and `*` include PassRole.',
    remediation:
      'Name the roles that may be passed (`aws_iam_role.worker.arn`) and add an `iam:PassedToService` condition for the ' +
      'service that receives them.',
    equivalents: {
      trivy: ['AVD-AWS-0342'],
      checkov: ['CKV_AWS_110', 'CKV_AWS_286'],
    },
    examples: {
      failing: `resource "aws_iam_policy" "launcher" {
  name   = "launcher"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*" }
  ]
}
EOT
}
`,
      passing: `resource "aws_iam_policy" "launcher" {
  name   = "launcher"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/worker" }
  ]
}
EOT
}
`,
    },
  },
  check(ctx) {
    const policies = policiesOf(ctx);
    for (const policy of policies.undecided) {
      if (policy.invalidJson || policy.kind !== 'identity') continue;
      undecidedPolicy(ctx, policy, `Confirm that ${policy.policyName} does not allow iam:PassRole on every role`);
    }
    for (const statement of policies.statements) {
      // A statement with a Principal is a resource or trust policy statement, wherever it ends up.
      if (statement.kind !== 'identity' || statement.principals || statement.notPrincipals) continue;
      const status = allowStatus(statement);
      if (status.applies === false || !statement.actions || !statement.resources) continue;
      const star = mayContain(statement.resources, '*');
      if (star === 'no') continue;
      const passing = knownEntries(statement.actions).filter(grantsPassRole);
      const label = statementLabel(statement);
      if (passing.length && star === 'yes' && status.applies === true) {
        const via = passing[0] === 'iam:PassRole' ? '' : ` (through "${passing[0]}")`;
        reportStatement(ctx, statement, `${label} allows iam:PassRole${via} on Resource "*": any role can be passed to a service. Name the roles`);
        continue;
      }
      let reason: string | undefined;
      if (passing.length) {
        const resourcesUnknown = unknownWhere(statement.resources, (e) => couldBe(e, '*'));
        reason = star === 'yes' ? (status.applies === 'unknown' ? status.reason : undefined) : resourcesUnknown && `the resources are not known statically: ${resourcesUnknown}`;
      } else {
        const actionsUnknown = unknownWhere(statement.actions, mayGrantPassRole);
        if (actionsUnknown) reason = `the actions are not known statically: ${actionsUnknown}`;
      }
      if (reason) undecidedStatement(ctx, statement, `Confirm that ${label} does not allow iam:PassRole on Resource "*"`, reason);
    }
  },
});
