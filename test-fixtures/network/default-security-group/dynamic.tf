locals {
  ingress = [{ protocol = "tcp", port = 443 }]
}

resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"

  dynamic "ingress" {
    for_each = local.ingress
    content {
      protocol    = ingress.value.protocol # expect: network/default-security-group
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}
