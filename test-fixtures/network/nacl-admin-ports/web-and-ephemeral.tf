resource "aws_network_acl_rule" "https" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  protocol    = "tcp"
  rule_action = "allow"
  cidr_block  = "0.0.0.0/0"
  from_port   = 443
  to_port     = 443
}

resource "aws_network_acl_rule" "ephemeral" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 110
  protocol    = "tcp"
  rule_action = "allow"
  cidr_block  = "0.0.0.0/0"
  from_port   = 1024
  to_port     = 65535
}
