import { defineRule } from '../../server/src/engine/rules/rule.js';
import { policiesOf } from '../../server/src/engine/iam/policy-sources.js';
import { couldBe, principalIsPublic, unknownWhere, type PrincipalSet } from '../../server/src/engine/iam/policy-statement.js';
import {
  allowStatus,
  reportStatement,
  statementLabel,
  undecidedPolicy,
  undecidedStatement,
} from '../../server/src/engine/iam/statement-findings.js';

function publicUnknownReason(set: PrincipalSet): string | undefined {
  if (set.unknown) return set.unknown;
  for (const group of set.groups) {
    if (group.type !== '*' && group.type !== 'AWS') continue;
    const reason = unknownWhere(group.identifiers, (e) => couldBe(e, '*'));
    if (reason) return reason;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'iam/public-principal',
    title: 'Resource and trust policies do not allow everyone',
    problem: 'open to everyone',
    category: 'iam',
    severity: 'error',
    rationale:
      '`"Principal": "*"` (or `{"AWS": "*"}`) in an Allow statement means anyone with an AWS account — or, for many ' +
      'services, anyone on the internet — may use the bucket, key, queue or topic, or assume the role. Without a ' +
      'Condition narrowing it (`aws:PrincipalOrgID`, `aws:SourceArn`, `aws:SourceVpce`, …) that is public access. ' +
      '`NotPrincipal` in an Allow statement is the same grant with exceptions, and is reported too.',
    remediation:
      'Name the principals (account ids, role ARNs, service principals such as `lambda.amazonaws.com`), or keep the ' +
      'wildcard principal and add a Condition that pins the caller to your organisation, account, VPC endpoint or source.',
    equivalents: {
      checkov: ['CKV_AWS_283', 'CKV_AWS_70', 'CKV_AWS_33', 'CKV_AWS_32', 'CKV_AWS_167', 'CKV_AWS_168', 'CKV_AWS_169', 'CKV_AWS_60'],
    },
    examples: {
      failing: `resource "aws_sqs_queue_policy" "events" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/events"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:events"
    }]
  })
}
`,
      passing: `resource "aws_sqs_queue_policy" "events" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/events"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:123456789012:events"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-west-1:123456789012:orders" } }
    }]
  })
}
`,
    },
  },
  check(ctx) {
    const policies = policiesOf(ctx);
    for (const policy of policies.undecided) {
      if (policy.invalidJson || policy.kind === 'identity') continue;
      undecidedPolicy(ctx, policy, `Confirm that ${policy.policyName} does not allow every principal`);
    }
    for (const statement of policies.statements) {
      const status = allowStatus(statement);
      if (status.applies === false) continue;
      const condition = statement.hasCondition;
      if (condition.known && condition.value) continue;
      const label = statementLabel(statement);
      // Allow + NotPrincipal: everyone except the listed principals.
      if (statement.notPrincipals) {
        if (status.applies === true && condition.known) {
          reportStatement(
            ctx,
            statement,
            `${label} uses NotPrincipal in an Allow statement with no Condition: every principal except the listed ones is allowed. Name the principals instead`,
          );
        } else {
          const reason = status.applies === 'unknown' ? status.reason : `the condition is not known statically: ${condition.known ? '' : condition.reason}`;
          undecidedStatement(ctx, statement, `Confirm that ${label}, which uses NotPrincipal, is a Deny statement or has a Condition`, reason);
        }
        continue;
      }
      if (!statement.principals) continue;
      const isPublic = principalIsPublic(statement.principals);
      if (isPublic === 'no') continue;
      if (isPublic === 'yes' && status.applies === true && condition.known) {
        reportStatement(
          ctx,
          statement,
          `${label} allows every principal ("*") with no Condition: anyone can use it. Name the principals or add a Condition`,
        );
        continue;
      }
      const reason =
        isPublic === 'maybe'
          ? `the principals are not known statically: ${publicUnknownReason(statement.principals) ?? 'an identifier is computed'}`
          : status.applies === 'unknown'
            ? status.reason
            : `the condition is not known statically: ${condition.known ? '' : condition.reason}`;
      undecidedStatement(ctx, statement, `Confirm that ${label} does not allow every principal without a Condition`, reason);
    }
  },
});
