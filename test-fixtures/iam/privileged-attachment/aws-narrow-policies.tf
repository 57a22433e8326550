resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ecs:UpdateService", Resource = "arn:aws:ecs:eu-west-1:123456789012:service/prod/api" }]
  })
}

resource "aws_iam_role_policy_attachment" "deploy" {
  role       = "deploy"
  policy_arn = aws_iam_policy.deploy.arn
}

resource "aws_iam_role_policy_attachment" "read" {
  role       = "deploy"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# Not AdministratorAccess: a different AWS managed policy whose name starts the same.
resource "aws_iam_role_policy_attachment" "amplify" {
  role       = "amplify"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess-Amplify"
}
