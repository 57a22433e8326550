data "aws_iam_policy_document" "reader" {
  statement { # expect: iam/unknown-action
    actions   = ["s3:GetObjects", "s3:ListBucket"]
    resources = ["arn:aws:s3:::acme-reports", "arn:aws:s3:::acme-reports/*"]
  }

  statement {
    actions   = ["S3:getobject", "s3:*Object", "ec2:Describe*"]
    resources = ["*"]
  }
}
