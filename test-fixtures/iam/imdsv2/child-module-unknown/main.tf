variable "http_tokens" {
  default = "optional"
}

# The caller decides: the checklist asks a human.
resource "aws_launch_template" "main" {
  name_prefix = "main-"

  metadata_options {
    http_tokens = var.http_tokens
  }
}
