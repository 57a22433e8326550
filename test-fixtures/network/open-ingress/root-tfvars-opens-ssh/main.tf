provider "aws" {
  region = "eu-west-1"
}

resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = var.ssh_cidrs # expect: network/open-ingress[error]
  security_group_id = "sg-0123456789abcdef0"
}

# Switched off by the root module's variable: no instance, no finding.
resource "aws_security_group_rule" "rdp" {
  count = var.enable_rdp ? 1 : 0

  type              = "ingress"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = "sg-0123456789abcdef0"
}
