resource "aws_iam_policy" "guardrail" {
  name = "guardrail"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Deny"
        Action   = ["iam:*", "organizations:*"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:Get*", "s3:*Object"]
        Resource = "arn:aws:s3:::acme/*"
      },
    ]
  })
}
