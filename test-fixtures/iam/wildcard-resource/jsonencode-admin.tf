resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { # expect: iam/wildcard-resource
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["iam:CreateUser", "iam:AttachUserPolicy"]
        Resource = "arn:aws:iam::123456789012:user/ci-*"
      },
    ]
  })
}
