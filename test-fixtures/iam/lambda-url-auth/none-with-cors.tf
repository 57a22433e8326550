resource "aws_lambda_function_url" "web" {
  function_name      = "web"
  qualifier          = "live"
  authorization_type = "NONE" # expect: iam/lambda-url-auth

  cors {
    allow_origins = ["https://example.com"]
  }
}
