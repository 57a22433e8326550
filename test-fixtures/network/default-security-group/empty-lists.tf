resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"
  ingress = []
  egress  = []
}

# An ordinary security group is not the default one.
resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = "vpc-0123456789abcdef0"

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
