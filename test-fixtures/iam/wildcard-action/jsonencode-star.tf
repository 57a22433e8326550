resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { # expect: iam/wildcard-action[error]
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "arn:aws:s3:::acme/*"
      },
      { # expect: iam/wildcard-action[warning]
        Sid      = "AllS3"
        Effect   = "Allow"
        Action   = ["s3:*", "sqs:SendMessage"]
        Resource = "arn:aws:s3:::acme/*"
      },
    ]
  })
}
