# A reusable module: its callers decide var.actions, so nothing can be proven here
# (the review checklist lists it for a human instead).
data "aws_iam_policy_document" "this" {
  statement {
    actions   = var.actions
    resources = ["arn:aws:s3:::acme-data/*"]
  }
}
