data "aws_iam_policy_document" "worker" {
  statement {
    actions   = var.worker_actions
    resources = ["arn:aws:s3:::acme-orders-invoices/*"]
  }
}

resource "aws_iam_role_policy" "worker" {
  name   = "worker"
  role   = "orders-worker"
  policy = data.aws_iam_policy_document.worker.json
}
