resource "aws_iam_role_policy" "ops" {
  name = "ops"
  role = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { # expect: iam/not-action
        Sid       = "EverythingButIam"
        Effect    = "Allow"
        NotAction = ["iam:*", "organizations:*"]
        Resource  = "*"
      },
      {
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:aws:s3:::acme/*"
      },
    ]
  })
}
