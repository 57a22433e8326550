terraform {
  backend "s3" {}
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_instance" "bastion" {
  ami                         = data.aws_ami.al2023.id
  instance_type               = "t3.micro"
  associate_public_ip_address = true # expect: acme/no-instance-public-ip
}

resource "aws_instance" "app" {
  ami                         = data.aws_ami.al2023.id
  instance_type               = "t3.small"
  associate_public_ip_address = false
}

resource "aws_instance" "worker" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.small"
}

locals {
  public = "true"
}

resource "aws_instance" "legacy" {
  ami                         = data.aws_ami.al2023.id
  instance_type               = "t3.small"
  associate_public_ip_address = local.public # expect: acme/no-instance-public-ip
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
}
