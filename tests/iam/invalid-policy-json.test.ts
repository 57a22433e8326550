import { describe, expect, it } from 'vitest';
import { readPolicies, runRules } from './policy-harness.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';

const IAM_RULES = RULES.filter((r) => r.meta.id.startsWith('iam/'));

describe('a policy that is not valid JSON', () => {
  it('becomes one undecided item, placed on the syntax error, saying why and that AWS rejects it', () => {
    const main = `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "*", "Resource": "*" },
      ]
    }
  EOT
}
`;
    const { statements, undecided } = readPolicies({ 'main.tf': main });
    expect(statements).toEqual([]);
    expect(undecided).toHaveLength(1);
    expect(undecided[0]).toMatchObject({ policyName: 'aws_iam_policy.p policy', invalidJson: true });
    expect(undecided[0]!.reason).toMatch(/not valid JSON \(unexpected "]" at line 5, column 3 of the policy text\).*AWS rejects/);
    // The trailing comma is on line 7; the parser stops at the "]" after it, on line 8.
    expect(undecided[0]!.location.range.start.line).toBe(8);

    // Every IAM rule together: one checklist item, no finding.
    const result = runRules({ 'main.tf': main }, IAM_RULES);
    expect(result.findings).toEqual([]);
    expect(result.undecided.map((u) => [u.ruleId, u.text])).toEqual([
      ['iam/wildcard-action', 'Fix the JSON of aws_iam_policy.p policy: AWS rejects a policy it cannot parse'],
    ]);
  });

  it('covers JSON strings, file() and resource policies alike', () => {
    const files = {
      'main.tf': `resource "aws_iam_role_policy" "inline" {
  role   = "r"
  policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\" \\"Action\\": \\"s3:*\\"}]}"
}

resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = file("\${path.module}/bucket.json")
}
`,
      'bucket.json': '{ "Statement": [ { "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*" } ] ',
    };
    const { undecided } = readPolicies(files);
    expect(undecided.map((u) => [u.policyName, u.invalidJson])).toEqual([
      ['aws_iam_role_policy.inline policy', true],
      ['aws_s3_bucket_policy.b policy', true],
    ]);
    expect(undecided[1]!.reason).toContain(`expected "," or "}" at line 1`);
    const result = runRules(files, IAM_RULES);
    expect(result.findings).toEqual([]);
    expect(result.undecided.map((u) => u.ruleId)).toEqual(['iam/wildcard-action', 'iam/wildcard-action']);
  });

  it('a template that is only partly known is not invalid JSON: it stays undecided for its unknown part', () => {
    const main = `variable "statements" {
  type = string
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = <<-EOT
    { "Version": "2012-10-17", "Statement": [ \${var.statements} { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] }
  EOT
}
`;
    const { undecided } = readPolicies({ 'main.tf': main });
    expect(undecided).toHaveLength(1);
    expect(undecided[0]!.invalidJson).toBeUndefined();
    expect(undecided[0]!.reason).toContain('var.statements');
  });

  it('valid JSON is read as before', () => {
    const main = `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"
}
`;
    const { statements, undecided } = readPolicies({ 'main.tf': main });
    expect(undecided).toEqual([]);
    expect(statements).toHaveLength(1);
  });
});
