# A permission is not a URL.
resource "aws_lambda_permission" "url" {
  action                 = "lambda:InvokeFunctionUrl"
  function_name          = "api"
  principal              = "123456789012"
  function_url_auth_type = "AWS_IAM"
}
