resource "aws_iam_policy" "no_passrole" {
  name = "no-passrole"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Deny"
        Action   = "iam:PassRole"
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["iam:GetRole", "iam:ListRoles"]
        Resource = "*"
      },
    ]
  })
}
