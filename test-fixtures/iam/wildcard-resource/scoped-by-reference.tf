resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-artifacts"
}

resource "aws_iam_policy" "publisher" {
  name = "publisher"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:DeleteObject"]
      Resource = ["${aws_s3_bucket.artifacts.arn}/*", aws_s3_bucket.artifacts.arn]
    }]
  })
}
