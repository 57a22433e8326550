variable "name" {
  type = string
}

variable "actions" {
  type = list(string)
}

data "aws_iam_policy_document" "this" {
  statement {
    actions   = var.actions
    resources = ["arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "this" {
  name   = var.name
  policy = data.aws_iam_policy_document.this.json
}
