locals {
  callers = { partner = "123456789012", world = "*" }
}

resource "aws_lambda_permission" "callers" { # expect: iam/lambda-public-permission
  for_each      = local.callers
  statement_id  = each.key
  action        = "lambda:InvokeFunction"
  function_name = "api"
  principal     = each.value
}
