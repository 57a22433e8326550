resource "aws_iam_user_policy" "alice" { # expect: iam/user-attached-policy
  name = "alice-s3"
  user = "alice"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme/*" }]
  })
}
