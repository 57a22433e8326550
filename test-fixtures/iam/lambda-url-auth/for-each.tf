locals {
  auth = {
    hooks  = "NONE"
    admin  = "AWS_IAM"
  }
}

resource "aws_lambda_function_url" "u" {
  for_each           = local.auth
  function_name      = each.key
  authorization_type = each.value # expect: iam/lambda-url-auth
}
