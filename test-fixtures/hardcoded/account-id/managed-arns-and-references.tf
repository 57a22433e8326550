# Passing: AWS-managed policy ARNs, ids built from data sources, and account ids kept in locals.
data "aws_caller_identity" "current" {}

locals {
  log_archive_account = "999988887777"
  audit_role_arn      = "arn:aws:iam::999988887777:role/audit"
}

resource "aws_iam_role_policy_attachment" "read_only" {
  role       = "ci"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "own" {
  role       = "ci"
  policy_arn = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/ci-deploy"
}

resource "aws_s3_bucket_policy" "archive" {
  bucket = "acme-archive"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::${local.log_archive_account}:root", local.audit_role_arn] }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::acme-archive/*"
    }]
  })
}
