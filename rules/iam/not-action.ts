import { defineRule } from '../../server/src/engine/rules/rule.js';
import { policiesOf } from '../../server/src/engine/iam/policy-sources.js';
import { allowStatus, reportStatement, statementLabel, undecidedStatement } from '../../server/src/engine/iam/statement-findings.js';

export default defineRule({
  meta: {
    id: 'iam/not-action',
    title: 'Allow statements do not use NotAction or NotResource',
    problem: 'NotAction/Resource',
    category: 'iam',
    severity: 'warning',
    rationale:
      '`NotAction` in an Allow statement grants every action except the listed ones — including every action AWS adds in ' +
      'the future — and `NotResource` grants access to every resource except the listed ones. Both read as a restriction ' +
      'and work as a wide grant. In Deny statements they are a sound idiom and are not reported.',
    remediation:
      'List the actions (`Action`) and resources (`Resource`) that are allowed. To carve out exceptions, keep a narrow Allow ' +
      'and add a Deny statement with `NotAction`/`NotResource`.',
    equivalents: {},
    examples: {
      failing: `resource "aws_iam_role_policy" "ops" {
  name = "ops"
  role = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = ["iam:*", "organizations:*"]
      Resource  = "*"
    }]
  })
}
`,
      passing: `resource "aws_iam_role_policy" "ops" {
  name = "ops"
  role = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = "Deny"
      NotAction   = ["s3:GetObject"]
      NotResource = ["arn:aws:s3:::acme-public/*"]
    }]
  })
}
`,
    },
  },
  check(ctx) {
    for (const statement of policiesOf(ctx).statements) {
      const elements = [statement.notActions && 'NotAction', statement.notResources && 'NotResource'].filter(
        (e): e is string => typeof e === 'string',
      );
      if (!elements.length) continue;
      const status = allowStatus(statement);
      if (status.applies === false) continue;
      const label = statementLabel(statement);
      const used = elements.join(' and ');
      if (status.applies === 'unknown') {
        undecidedStatement(ctx, statement, `Confirm that ${label}, which uses ${used}, is a Deny statement`, status.reason);
        continue;
      }
      const what =
        elements.length === 2
          ? 'every action except the listed ones on every resource except the listed ones'
          : elements[0] === 'NotAction'
            ? 'every action except the listed ones, including actions AWS adds later'
            : 'access to every resource except the listed ones';
      reportStatement(ctx, statement, `${label} uses ${used} in an Allow statement: it grants ${what}. List what is allowed instead`);
    }
  },
});
