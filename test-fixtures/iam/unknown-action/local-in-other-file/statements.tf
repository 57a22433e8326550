locals {
  read_statement = {
    Effect   = "Allow"
    Action   = ["dynamodb:GetItem", "dynamodb:Query"]
    Resource = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
  }
  write_statement = { # expect: iam/unknown-action
    Effect   = "Allow"
    Action   = ["dynamodb:PutItems"]
    Resource = "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
  }
}
