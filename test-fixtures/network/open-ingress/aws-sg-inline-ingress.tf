# Inline ingress blocks: SSH from anywhere is an error; 443 from anywhere and the
# usual egress-everything rule are not reported.
resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = "vpc-0123456789abcdef0"

  ingress { # expect: network/open-ingress[error]
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "legacy" {
  name = "legacy"

  # from_port = 0, to_port = 0, protocol = "-1": all traffic.
  ingress { # expect: network/open-ingress[error]
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }

  # IPv6 "everyone" counts the same as 0.0.0.0/0.
  ingress { # expect: network/open-ingress[error]
    from_port        = 3389
    to_port          = 3389
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }

  # A range that holds 22.
  ingress { # expect: network/open-ingress[error]
    from_port   = 20
    to_port     = 30
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # Any other port: warning.
  ingress { # expect: network/open-ingress[warning]
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # Ping and path-MTU discovery: not reported.
  ingress {
    from_port   = -1
    to_port     = -1
    protocol    = "icmp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
