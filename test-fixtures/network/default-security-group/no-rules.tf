resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"

  tags = {
    Name = "default (no rules)"
  }
}
