data "aws_iam_policy_document" "broad" {
  # effect defaults to Allow
  statement { # expect: iam/not-action
    actions       = ["s3:GetObject"]
    not_resources = ["arn:aws:s3:::acme-secrets/*"]
  }
}
