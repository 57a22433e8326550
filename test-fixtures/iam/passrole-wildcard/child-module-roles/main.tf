variable "passable_role_arns" {
  type = list(string)
}

data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["iam:PassRole"]
    resources = var.passable_role_arns
  }
}
