resource "aws_iam_policy" "iam_admin" {
  name = "iam-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { # expect: iam/passrole-wildcard
        Effect   = "Allow"
        Action   = "iam:*"
        Resource = "*"
      },
    ]
  })
}
