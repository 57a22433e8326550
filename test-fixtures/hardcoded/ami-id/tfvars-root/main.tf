# Passing: the AMI id is a root-module parameter set in tfvars.
provider "aws" {
  region = "eu-west-1"
}

variable "ami_id" {
  type = string
}

resource "aws_instance" "web" {
  ami           = var.ami_id
  instance_type = "t3.micro"
}
