resource "aws_lambda_permission" "anyone" {
  statement_id  = "anyone"
  action        = "lambda:InvokeFunction"
  function_name = "api"
  principal     = "*"
  source_arn    = null # expect: iam/lambda-public-permission
}
