resource "aws_vpc_security_group_ingress_rule" "ssh_v6" {
  security_group_id = "sg-0123456789abcdef0"
  cidr_ipv6         = "::/0" # expect: network/open-ingress[error]
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}

# ip_protocol "-1": every protocol and port, from_port/to_port do not apply.
resource "aws_vpc_security_group_ingress_rule" "everything" {
  security_group_id = "sg-0123456789abcdef0"
  cidr_ipv4         = "0.0.0.0/0" # expect: network/open-ingress[error]
  ip_protocol       = "-1"
}

resource "aws_vpc_security_group_ingress_rule" "redis" {
  security_group_id = "sg-0123456789abcdef0"
  cidr_ipv4         = "0.0.0.0/0" # expect: network/open-ingress[warning]
  from_port         = 6379
  to_port           = 6379
  ip_protocol       = "tcp"
}

resource "aws_vpc_security_group_ingress_rule" "http" {
  security_group_id = "sg-0123456789abcdef0"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 80
  to_port           = 80
  ip_protocol       = "tcp"
}

resource "aws_vpc_security_group_ingress_rule" "ping" {
  security_group_id = "sg-0123456789abcdef0"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 8
  to_port           = 0
  ip_protocol       = "icmp"
}

resource "aws_vpc_security_group_ingress_rule" "ssh_office" {
  security_group_id = "sg-0123456789abcdef0"
  cidr_ipv4         = "203.0.113.0/24"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
}

# Egress rules have their own resource type and are never reported.
resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = "sg-0123456789abcdef0"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}
