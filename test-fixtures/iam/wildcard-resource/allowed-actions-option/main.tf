data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["*"]
  }

  statement { # expect: iam/wildcard-resource
    actions   = ["logs:PutLogEvents", "logs:DeleteLogGroup"]
    resources = ["*"]
  }
}
