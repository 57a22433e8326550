variable "default_security_group_ingress" {
  type    = list(map(string))
  default = []
}

# The caller decides: the checklist asks a human.
resource "aws_default_security_group" "this" {
  vpc_id = "vpc-0123456789abcdef0"

  dynamic "ingress" {
    for_each = var.default_security_group_ingress
    content {
      protocol  = lookup(ingress.value, "protocol", "-1")
      self      = true
      from_port = 0
      to_port   = 0
    }
  }
}
