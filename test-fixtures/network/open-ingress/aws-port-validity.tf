# Ports as EC2 and the AWS provider read them, for each protocol.

# TCP/UDP ports outside 0-65535 (-1 included): EC2 rejects the rule ("TCP/UDP
# port (-1) out of range"), so it opens nothing.
resource "aws_security_group_rule" "tcp_minus_one" {
  type              = "ingress"
  from_port         = -1
  to_port           = -1
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-0123456789abcdef0"
}

resource "aws_security_group_rule" "udp_minus_one_to_53" {
  type              = "ingress"
  from_port         = -1
  to_port           = 53
  protocol          = "udp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-0123456789abcdef0"
}

resource "aws_vpc_security_group_ingress_rule" "tcp_reversed" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 23
  to_port           = 21
  cidr_ipv4         = "0.0.0.0/0"
}

# TCP by protocol number, a valid range holding SSH: reported.
resource "aws_security_group_rule" "tcp_number_range" {
  type              = "ingress"
  from_port         = 0
  to_port           = 1024
  protocol          = "6"
  cidr_blocks       = ["0.0.0.0/0"] # expect: network/open-ingress[error]
  security_group_id = "sg-0123456789abcdef0"
}

# All protocols: EC2 ignores the ports, -1 included, so everything is open.
resource "aws_security_group_rule" "all_minus_one" {
  type              = "ingress"
  from_port         = -1
  to_port           = -1
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"] # expect: network/open-ingress[error]
  security_group_id = "sg-0123456789abcdef0"
}

resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0" # expect: network/open-ingress[error]
}

# ICMP: the ports are a type and a code (-1 = all); not graded.
resource "aws_security_group_rule" "icmp_all" {
  type              = "ingress"
  from_port         = -1
  to_port           = -1
  protocol          = "icmp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-0123456789abcdef0"
}

# SCTP on AWS: EC2 opens all of its traffic whatever the ports say.
resource "aws_security_group_rule" "sctp" {
  type              = "ingress"
  from_port         = 5000
  to_port           = 5000
  protocol          = "132"
  cidr_blocks       = ["0.0.0.0/0"] # expect: network/open-ingress[warning]
  security_group_id = "sg-0123456789abcdef0"
}

resource "aws_security_group" "inline" {
  name   = "inline"
  vpc_id = "vpc-0123456789abcdef0"

  # The provider rejects an inline all-protocols block whose ports are not
  # both 0 ("must both be 0 to use the 'ALL' \"-1\" protocol"): nothing opens.
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = -1
    to_port     = -1
    protocol    = "all"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress { # expect: network/open-ingress[error]
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = -1
    to_port     = -1
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
