# A reusable module: its callers decide the CIDRs and the port, so nothing is
# reported here (the checklist asks a human to look).
resource "aws_security_group" "this" {
  name = var.name

  ingress {
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidrs
  }

  # Open to the internet, but the port is the caller's choice.
  ingress {
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # The port is known, the CIDRs are not.
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidrs
  }

  dynamic "ingress" {
    for_each = var.extra_rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}

# Whether it exists is the caller's choice, but what it opens is written here:
# reported, "when var.enable_ssh is true" (SPEC §2a, conditional existence).
resource "aws_security_group_rule" "maybe" {
  count = var.enable_ssh ? 1 : 0

  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"] # expect: network/open-ingress
  security_group_id = aws_security_group.this.id
}
