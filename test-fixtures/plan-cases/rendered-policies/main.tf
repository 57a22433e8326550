# fixture-rules: iam/wildcard-action
# Policies the code cannot read: the actions of a document come from an input, and a whole policy is an input.
# The plan renders both to JSON; the statement the code knows keeps its verdict and place.
variable "reader_actions" {
  type        = list(string)
  description = "Actions the reader role needs."
}

variable "deploy_policy" {
  type        = string
  description = "The deploy role's policy, as JSON."
}

data "aws_iam_policy_document" "reader" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-data/*"]
  }

  statement { # expect: iam/wildcard-action
    actions   = var.reader_actions
    resources = ["arn:aws:sqs:eu-west-1:111122223333:jobs"]
  }
}

resource "aws_iam_policy" "reader" {
  name   = "reader"
  policy = data.aws_iam_policy_document.reader.json
}

resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = var.deploy_policy # expect: iam/wildcard-action
}

resource "aws_iam_policy" "audit" {
  name   = "audit"
  policy = var.audit_policy
}

variable "audit_policy" {
  type        = string
  description = "The audit policy, as JSON."
}
