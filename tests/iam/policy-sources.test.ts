import { describe, expect, it } from 'vitest';
import { readPolicies, runRules } from './policy-harness.js';
import { knownEntries } from '../../server/src/engine/iam/policy-statement.js';
import wildcardAction from '../../rules/iam/wildcard-action.js';
import wildcardResource from '../../rules/iam/wildcard-resource.js';
import publicPrincipal from '../../rules/iam/public-principal.js';


describe('policy sources', () => {
  it('places heredoc statements on the line where each one starts', () => {
    const main = `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" },
        {
          "Effect": "Allow",
          "Action": "*",
          "Resource": "*"
        }
      ]
    }
  EOT
}
`;
    const { statements } = readPolicies({ 'main.tf': main });
    expect(statements).toHaveLength(2);
    expect(statements[0]!.location.range.start.line).toBe(7);
    expect(statements[0]!.location.range.start.column).toBe(9);
    expect(statements[1]!.location.range.start.line).toBe(8);
    expect(statements[1]!.location.range.end.line).toBe(12);
    const findings = runRules({ 'main.tf': main }, [wildcardAction]).findings;
    expect(findings.map((f) => [f.range.start.line, f.severity])).toEqual([[8, 'error']]);
  });

  it('places statements inside a quoted JSON string despite escapes', () => {
    const main = `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"
}
`;
    const [statement] = readPolicies({ 'main.tf': main }).statements;
    const line = main.split('\n')[2]!;
    expect(statement!.location.range.start.line).toBe(3);
    expect(line.slice(statement!.location.range.start.column - 1, statement!.location.range.start.column + 1)).toBe('{\\');
    expect(line[statement!.location.range.end.column - 2]).toBe('}');
  });

  it('keeps known parts of a heredoc with unknown interpolations', () => {
    const main = `resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_iam_policy" "p" {
  name   = "p"
  policy = <<EOT
{
  "Statement": [
    { "Effect": "Allow", "Action": "s3:PutObject", "Resource": "\${aws_s3_bucket.b.arn}/*" }
  ]
}
EOT
}
`;
    const [statement] = readPolicies({ 'main.tf': main }).statements;
    expect(knownEntries(statement!.actions)).toEqual(['s3:PutObject']);
    expect(statement!.resources!.entries[0]).toMatchObject({ known: false });
    // "${arn}/*" can never be "*": nothing to report, nothing to ask.
    const result = runRules({ 'main.tf': main }, [wildcardResource]);
    expect(result.findings).toEqual([]);
    expect(result.undecided).toEqual([]);
  });

  it('reads a policy document once, with its uses as related information', () => {
    const main = `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "a" {
  name   = "a"
  policy = data.aws_iam_policy_document.d.json
}

resource "aws_iam_role_policy" "b" {
  name   = "b"
  role   = "r"
  policy = data.aws_iam_policy_document.d.minified_json
}
`;
    const { statements } = readPolicies({ 'main.tf': main });
    expect(statements).toHaveLength(1);
    expect(statements[0]!.kind).toBe('identity');
    expect(statements[0]!.location.related.map((r) => r.range.start.line)).toEqual([10, 16]);
    expect(statements[0]!.effect).toEqual({ known: true, value: 'Allow' });
  });

  it('uses the kind of the policy that uses a document (trust, resource)', () => {
    const main = `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
`;
    const [statement] = readPolicies({ 'main.tf': main }).statements;
    expect(statement!.kind).toBe('trust');
    expect(statement!.principals!.groups).toEqual([{ type: 'Service', identifiers: { entries: [{ known: true, value: 'ec2.amazonaws.com' }] } }]);
  });

  it('places a policy defined in a local at the definition, with the use as related information', () => {
    const files = {
      'locals.tf': `locals {
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
`,
      'main.tf': `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = local.policy
}
`,
    };
    const [statement] = readPolicies(files).statements;
    expect(statement!.location.file.path.endsWith('locals.tf')).toBe(true);
    expect(statement!.location.range.start.line).toBe(3);
    expect(statement!.location.address).toBe('aws_iam_policy.p');
    expect(statement!.location.related).toHaveLength(1);
    expect(statement!.location.related[0]!.file.endsWith('main.tf')).toBe(true);
  });

  it('reads inline_policy blocks and file() policies', () => {
    const files = {
      'main.tf': `resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = file("\${path.module}/trust.json")
  inline_policy {
    name   = "inline"
    policy = jsonencode({ Statement = [{ Effect = "Deny", Action = "s3:DeleteBucket", Resource = "*" }] })
  }
}
`,
      'trust.json': `{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`,
    };
    const { statements } = readPolicies(files);
    expect(statements.map((s) => [s.policyName, s.kind, s.location.range.start.line])).toEqual([
      ['aws_iam_role.r inline_policy.policy', 'identity', 6],
      ['aws_iam_role.r assume_role_policy', 'trust', 3],
    ]);
  });

  it('turns what cannot be read into undecided items, never findings', () => {
    const main = `variable "policy" {
  type = string
}

variable "statements" {
  type = any
}

resource "aws_iam_policy" "a" {
  name   = "a"
  policy = var.policy
}

resource "aws_iam_policy" "b" {
  name   = "b"
  policy = jsonencode({ Statement = var.statements })
}

data "aws_iam_policy_document" "c" {
  dynamic "statement" {
    for_each = var.statements
    content {
      actions   = statement.value.actions
      resources = ["*"]
    }
  }
}
`;
    const { statements, undecided } = readPolicies({ 'main.tf': main });
    expect(undecided.map((u) => u.policyName)).toEqual(['aws_iam_policy.a policy', 'aws_iam_policy.b policy']);
    expect(undecided[0]!.reason).toContain('var.policy');
    // The dynamic statement is read like a written one (SPEC §2a): its effect is known (Allow), its actions are not.
    expect(statements).toHaveLength(1);
    expect(statements[0]!.effect.known).toBe(true);
    expect(statements[0]!.actions?.unknown).toContain('the for_each of dynamic "statement" is not known statically');
    const result = runRules({ 'main.tf': main }, [wildcardAction]);
    expect(result.findings).toEqual([]);
    expect(result.undecided.length).toBe(3);
  });

  it('expands a dynamic statement over a known map filtered by an unknown condition, principals outlined through format()', () => {
    const main = `data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  accounts = { us-east-1 = "127311923021", eu-west-1 = "156460612806" }
}

data "aws_iam_policy_document" "elb" {
  dynamic "statement" {
    for_each = { for k, v in local.accounts : k => v if k == data.aws_region.current.region }
    content {
      sid       = statement.key
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::logs/*"]
      principals {
        type        = "AWS"
        identifiers = [format("arn:%s:iam::%s:root", data.aws_partition.current.partition, statement.value)]
      }
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = "logs"
  policy = data.aws_iam_policy_document.elb.json
}
`;
    const { statements } = readPolicies({ 'main.tf': main });
    expect(statements.map((s) => s.sid)).toEqual(['eu-west-1', 'us-east-1']);
    // The account root of a known account, whatever the partition: never every principal, so no checklist item.
    const result = runRules({ 'main.tf': main }, [publicPrincipal]);
    expect(result.findings).toEqual([]);
    expect(result.undecided).toEqual([]);
  });

  it('reports a statement from source_policy_documents where it is written', () => {
    const main = `data "aws_iam_policy_document" "base" {
  source_policy_documents = [
    jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] }),
  ]
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
}
`;
    const result = runRules({ 'main.tf': main }, [wildcardAction]);
    expect(result.findings.map((f) => f.range.start.line)).toEqual([3]);
  });

  it('reads JSON-syntax configuration (.tf.json)', () => {
    const json = `{
  "data": {
    "aws_iam_policy_document": {
      "trust": {
        "statement": [
          {
            "actions": ["sts:AssumeRole"],
            "principals": [{ "type": "AWS", "identifiers": ["*"] }]
          }
        ]
      }
    }
  },
  "resource": {
    "aws_iam_policy": {
      "p": {
        "name": "p",
        "policy": "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"s3:*\\", \\"Resource\\": \\"*\\"}]}"
      }
    },
    "aws_iam_role": {
      "r": {
        "name": "r",
        "assume_role_policy": "\${data.aws_iam_policy_document.trust.json}",
        "inline_policy": { "name": "i", "policy": "{\\"Statement\\": {\\"Effect\\": \\"Deny\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}}" }
      }
    }
  }
}
`;
    const { statements, undecided } = readPolicies({ 'main.tf.json': json });
    expect(undecided).toEqual([]);
    const byName = Object.fromEntries(statements.map((s) => [s.policyName, s]));
    expect(Object.keys(byName).sort()).toEqual(['aws_iam_policy.p policy', 'aws_iam_role.r inline_policy.policy', 'data.aws_iam_policy_document.trust']);
    expect(byName['data.aws_iam_policy_document.trust']!.kind).toBe('trust');
    expect(byName['data.aws_iam_policy_document.trust']!.principals!.groups[0]).toMatchObject({ type: 'AWS', identifiers: { entries: [{ known: true, value: '*' }] } });
    expect(byName['aws_iam_policy.p policy']!.location.range.start.line).toBe(18);
    expect(byName['aws_iam_role.r inline_policy.policy']!.effect).toEqual({ known: true, value: 'Deny' });
  });
});
