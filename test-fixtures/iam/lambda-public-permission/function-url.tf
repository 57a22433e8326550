# The public URL's own permission: iam/lambda-url-auth reports the URL.
resource "aws_lambda_permission" "url" {
  statement_id           = "url"
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = "api"
  principal              = "*"
  function_url_auth_type = "NONE"
}
