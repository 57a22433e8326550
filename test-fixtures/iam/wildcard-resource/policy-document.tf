data "aws_iam_policy_document" "uploader" {
  statement { # expect: iam/wildcard-resource
    sid       = "Upload"
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["*"]
  }

  # Actions AWS grants only on "*": nothing narrower can be written, so nothing to report.
  statement {
    sid       = "OnlyStar"
    actions   = ["ec2:DescribeInstances", "s3:ListAllMyBuckets", "sts:GetCallerIdentity"]
    resources = ["*"]
  }

  statement {
    effect    = "Deny"
    actions   = ["s3:DeleteBucket"]
    resources = ["*"]
  }
}
