locals {
  batch_statements = [
    { # expect: iam/passrole-wildcard
      Effect   = "Allow"
      Action   = ["batch:SubmitJob", "iam:PassRole"]
      Resource = "*"
    },
  ]
}
