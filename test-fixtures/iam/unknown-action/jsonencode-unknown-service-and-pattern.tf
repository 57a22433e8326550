resource "aws_iam_policy" "odd" {
  name = "odd"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { # expect: iam/unknown-action
        Effect   = "Allow"
        Action   = ["s4:GetObject", "s3:Gett*"]
        Resource = "*"
      },
      { # expect: iam/unknown-action
        Effect   = "Allow"
        Action   = "GetObject"
        Resource = "*"
      },
    ]
  })
}
