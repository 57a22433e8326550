resource "aws_network_acl_rule" "rdp" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 110
  protocol        = 6
  rule_action     = "allow"
  ipv6_cidr_block = "::/0"
  from_port       = 3000
  to_port         = 4000 # expect: network/nacl-admin-ports
}
