variable "from_port" {
  default = 443
}

# The caller decides: the checklist asks a human.
resource "aws_network_acl_rule" "main" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  protocol    = "tcp"
  rule_action = "allow"
  cidr_block  = "0.0.0.0/0"
  from_port   = var.from_port
  to_port     = 443
}
