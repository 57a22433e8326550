variable "authorization_type" {
  default = "NONE"
}

# The caller decides: the checklist asks a human.
resource "aws_lambda_function_url" "main" {
  function_name      = "main"
  authorization_type = var.authorization_type
}
