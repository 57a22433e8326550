resource "aws_lambda_permission" "org" {
  statement_id  = "org"
  action        = "lambda:InvokeFunction"
  function_name = "api"
  principal        = "*"
  principal_org_id = "o-a1b2c3d4e5"
}

resource "aws_lambda_permission" "bucket" {
  statement_id  = "bucket"
  action        = "lambda:InvokeFunction"
  function_name = "api"
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::uploads"
  source_account = "123456789012"
}
