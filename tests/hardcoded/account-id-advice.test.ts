import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import accountId from '../../rules/hardcoded/account-id.js';

/** hardcoded/account-id messages by line, for one root module written as `main.tf`. */
function messages(main: string): Map<number, string> {
  const dir = mkdtempSync(join(tmpdir(), 'account-id-advice-'));
  mkdirSync(join(dir, 'live'));
  writeFileSync(join(dir, 'live', 'main.tf'), main);
  const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [accountId] });
  return new Map(result.findings.map((f) => [f.range.start.line, f.message]));
}

const MAIN = `provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
  assume_role {
    role_arn = "arn:aws:iam::111111111111:role/deploy"
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::222222222222:root", "333333333333"]
    }
  }
}

module "roles" {
  source       = "./roles"
  trusted_arns = ["arn:aws:iam::222222222222:user/anton"]
  readers      = ["arn:aws:iam::444444444444:root"]
}

resource "aws_iam_role_policy_attachment" "ci" {
  role       = "ci"
  policy_arn = "arn:aws:iam::555555555555:policy/ci-deploy"
}
`;

describe('hardcoded/account-id advice', () => {
  const found = messages(MAIN);

  it('does not offer the caller identity inside a provider block', () => {
    for (const line of [3, 5]) {
      expect(found.get(line)).toContain('a provider block is configured before any data source');
      expect(found.get(line)).not.toContain('aws_caller_identity');
    }
  });

  it('does not offer the caller identity for principals: trusted accounts, :root ARNs, trusted_* inputs', () => {
    for (const line of [14, 21, 22]) {
      expect(found.get(line)).toContain('names the account trusted or granted access');
      expect(found.get(line)).not.toContain('aws_caller_identity');
    }
  });

  it("offers the caller identity for the module's own resources", () => {
    expect(found.get(27)).toContain('data.aws_caller_identity.current.account_id');
  });
});
