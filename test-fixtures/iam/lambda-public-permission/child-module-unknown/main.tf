variable "principal" {
  default = "*"
}

# The caller decides: the checklist asks a human.
resource "aws_lambda_permission" "main" {
  statement_id  = "main"
  action        = "lambda:InvokeFunction"
  function_name = "api"
  principal     = var.principal
}
