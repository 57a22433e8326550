resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"

  egress {
    protocol    = "-1" # expect: network/default-security-group
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
