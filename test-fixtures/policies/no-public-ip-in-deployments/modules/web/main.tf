# A reusable module (under modules/): the policy applies in deployments only.
resource "aws_instance" "web" {
  ami                         = var.ami
  instance_type               = "t3.small"
  associate_public_ip_address = true
}

variable "ami" {
  type = string
}
