# Passing: looked up, or passed in through a variable (a default is a parameter the caller can override).
variable "ami_id" {
  type        = string
  description = "Image for the bastion, e.g. ami-0c55b159cbfafe1f0"
  default     = "ami-0c55b159cbfafe1f0"
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

data "aws_ssm_parameter" "ecs_ami" {
  name = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
}

resource "aws_instance" "web" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"
}

resource "aws_instance" "bastion" {
  ami           = var.ami_id
  instance_type = "t3.micro"
}

resource "aws_instance" "ecs" {
  ami           = data.aws_ssm_parameter.ecs_ami.value
  instance_type = "t3.micro"
}
