locals {
  deploy_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = "*"
      },
      { # expect: iam/wildcard-action[warning]
        Effect   = "Allow"
        Action   = "ecs:*"
        Resource = "arn:aws:ecs:eu-west-1:123456789012:service/prod/*"
      },
    ]
  })
}
