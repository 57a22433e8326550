resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    protocol  = -1 # expect: network/default-security-group[warning]
    self      = true
    from_port = 0
    to_port   = 0
  }
}
