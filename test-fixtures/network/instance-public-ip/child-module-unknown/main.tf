variable "public_ip" {
  default = false
}

# The caller decides: the checklist asks a human.
data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
}

resource "aws_instance" "main" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"
  subnet_id     = "subnet-0123456789abcdef0"
  associate_public_ip_address = var.public_ip
}
