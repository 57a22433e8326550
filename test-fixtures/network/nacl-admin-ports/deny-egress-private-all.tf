resource "aws_network_acl_rule" "deny_ssh" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 90
  protocol    = "tcp"
  rule_action = "deny"
  cidr_block  = "0.0.0.0/0"
  from_port   = 22
  to_port     = 22
}

resource "aws_network_acl_rule" "egress_ssh" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  egress      = true
  protocol    = "tcp"
  rule_action = "allow"
  cidr_block  = "0.0.0.0/0"
  from_port   = 22
  to_port     = 22
}

resource "aws_network_acl_rule" "vpn_ssh" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 110
  protocol    = "tcp"
  rule_action = "allow"
  cidr_block  = "10.8.0.0/16"
  from_port   = 22
  to_port     = 22
}

# Allow-all is the AWS default NACL stance: security groups filter.
resource "aws_network_acl_rule" "all" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 120
  protocol    = "-1"
  rule_action = "allow"
  cidr_block  = "0.0.0.0/0"
  from_port   = 0
  to_port     = 0
}
