resource "aws_lambda_permission" "anyone" { # expect: iam/lambda-public-permission[error]
  statement_id  = "anyone"
  action        = "lambda:InvokeFunction"
  function_name = "api"
  principal     = "*"
}
