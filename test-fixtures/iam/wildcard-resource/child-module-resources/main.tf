variable "bucket_arns" {
  type = list(string)
}

# Which resources var.bucket_arns names is up to the callers: undecided, not a finding.
data "aws_iam_policy_document" "writer" {
  statement {
    actions   = ["s3:PutObject"]
    resources = var.bucket_arns
  }
}
