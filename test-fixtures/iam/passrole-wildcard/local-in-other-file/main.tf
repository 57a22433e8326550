resource "aws_iam_policy" "batch" {
  name = "batch"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.batch_statements
  })
}
