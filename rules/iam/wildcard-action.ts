import { defineRule } from '../../server/src/engine/rules/rule.js';
import { parseAction } from '../../server/src/engine/iam/action-index.js';
import { policiesOf } from '../../server/src/engine/iam/policy-sources.js';
import { UNKNOWN_PART, unknownWhere, type PolicyEntry, type PolicyStatement } from '../../server/src/engine/iam/policy-statement.js';
import {
  allowStatus,
  listForMessage,
  reportStatement,
  statementLabel,
  undecidedPolicy,
  undecidedStatement,
} from '../../server/src/engine/iam/statement-findings.js';

/** `*` (or `*:*`) grants everything; `s3:*` every action of one service. */
function wildcardKind(action: string): 'all' | 'service' | undefined {
  const parsed = parseAction(action);
  if (!parsed) return undefined;
  if (parsed.action === '*' && (parsed.service === '*' || action.trim() === '*')) return 'all';
  if (parsed.action === '*' && !/[*?]/.test(parsed.service)) return 'service';
  return undefined;
}

/** Could an unknown action turn out to be `*` or `service:*`? */
function mayBeWildcard(entry: PolicyEntry): boolean {
  if (entry.known) return false;
  if (entry.shape === undefined) return true;
  return entry.shape.endsWith('*') || entry.shape.endsWith(UNKNOWN_PART);
}

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}|\u0000):root$/;

/**
 * AWS's default key policy (and most resource policies that delegate to IAM)
 * gives the account root `kms:*` on the key: access is then decided by the
 * account's IAM policies, which is the point.
 */
function delegatesToAccount(statement: PolicyStatement): boolean {
  if (statement.kind === 'trust' || !statement.principals || statement.principals.unknown) return false;
  const groups = statement.principals.groups;
  if (!groups.length) return false;
  return groups.every(
    (g) =>
      g.type === 'AWS' &&
      !g.identifiers.unknown &&
      g.identifiers.entries.length > 0 &&
      g.identifiers.entries.every((e) => {
        const text = e.known ? e.value : e.shape;
        return text !== undefined && (/^\d{12}$/.test(text) || ACCOUNT_ROOT.test(text));
      }),
  );
}

export default defineRule({
  meta: {
    id: 'iam/wildcard-action',
    title: 'Allow statements do not grant every action',
    problem: 'wildcard actions',
    category: 'iam',
    severity: 'error',
    rationale:
      '`"Action": "*"` makes the holder an administrator, and `"s3:*"` grants every present and future action of the service — ' +
      'including deleting data, changing its policy and disabling its encryption. Least privilege means naming the actions the ' +
      'workload calls. `*` is reported as an error, `service:*` as a warning. A resource policy that gives its own account root ' +
      '`service:*` (AWS\'s default KMS key policy) only delegates to IAM and is not reported.',
    remediation:
      'List the actions the workload needs (`s3:GetObject`, `s3:PutObject`), or a narrow prefix pattern (`ec2:Describe*`). ' +
      'IAM Access Analyzer can generate a policy from CloudTrail activity.',
    equivalents: {
      tfsec: ['aws-iam-no-policy-wildcards'],
      trivy: ['AVD-AWS-0057'],
      checkov: ['CKV_AWS_1', 'CKV_AWS_49', 'CKV_AWS_62', 'CKV_AWS_63'],
    },
    examples: {
      failing: `resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "arn:aws:s3:::acme-artifacts/*"
    }]
  })
}
`,
      passing: `resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "arn:aws:s3:::acme-artifacts/*"
    }]
  })
}
`,
    },
  },
  check(ctx) {
    const policies = policiesOf(ctx);
    for (const policy of policies.undecided) {
      // This rule reads every kind of policy, so it alone lists one that is not JSON (the other IAM rules skip it).
      const text = policy.invalidJson
        ? `Fix the JSON of ${policy.policyName}: AWS rejects a policy it cannot parse`
        : `Confirm that ${policy.policyName} grants no wildcard actions`;
      undecidedPolicy(ctx, policy, text);
    }
    for (const statement of policies.statements) {
      const status = allowStatus(statement);
      if (status.applies === false || !statement.actions) continue;
      const all: string[] = [];
      const services: string[] = [];
      for (const e of statement.actions.entries) {
        if (!e.known) continue;
        const kind = wildcardKind(e.value);
        if (kind === 'all') all.push(e.value);
        else if (kind === 'service' && !delegatesToAccount(statement)) services.push(e.value);
      }
      const label = statementLabel(statement);
      if (all.length || services.length) {
        if (status.applies === 'unknown') {
          undecidedStatement(ctx, statement, `Confirm that ${label} does not allow ${listForMessage([...all, ...services])}`, status.reason);
          continue;
        }
        if (all.length) {
          reportStatement(ctx, statement, `${label} allows every action ("${all[0]}"): name the actions it needs`, 'error');
        } else {
          reportStatement(
            ctx,
            statement,
            `${label} allows every action of ${listForMessage(services.map((s) => `"${s}"`))}: name the actions it needs`,
            'warning',
          );
        }
        continue;
      }
      const unknownReason = unknownWhere(statement.actions, mayBeWildcard);
      if (unknownReason) undecidedStatement(ctx, statement, `Confirm that ${label} grants no wildcard actions`, `the actions are not known statically: ${unknownReason}`);
    }
  },
});
