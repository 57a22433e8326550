variable "name" {
  type = string
}

variable "port" {
  type = number
}

variable "cidrs" {
  type = list(string)
}

resource "aws_security_group" "this" {
  name = var.name

  ingress {
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }
}
