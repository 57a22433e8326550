variable "encrypted" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_api_gateway_method_settings" "main" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "*/*"

  settings {
    caching_enabled      = true
    cache_data_encrypted = var.encrypted
  }
}
