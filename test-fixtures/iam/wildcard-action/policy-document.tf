data "aws_iam_policy_document" "ops" {
  statement { # expect: iam/wildcard-action[warning]
    sid       = "IamEverything"
    actions   = ["iam:*", "s3:GetObject"]
    resources = ["*"]
  }

  # Deny statements are never reported.
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

# The document is used here: the finding stays on its statement, once.
resource "aws_iam_role_policy" "ops" {
  name   = "ops"
  role   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}
