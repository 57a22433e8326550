provider "aws" {
  region = "eu-west-1"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 10
  tags = {
    owner       = "storage"
    environment = "prod"
    cost_center = "cc-3"
  }
}
