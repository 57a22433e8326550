variable "drop_invalid_header_fields" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_lb" "main" {
  name    = "main"
  subnets = ["subnet-1", "subnet-2"]
  drop_invalid_header_fields = var.drop_invalid_header_fields
}
