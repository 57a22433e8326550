# A document with principals is a resource policy wherever it ends up, even when
# handed to a module this review cannot see into.
data "aws_iam_policy_document" "key" {
  statement {
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/app"]
    }
  }
}

module "key" {
  source  = "terraform-aws-modules/kms/aws"
  version = "3.1.0"
  policy  = data.aws_iam_policy_document.key.json
}
