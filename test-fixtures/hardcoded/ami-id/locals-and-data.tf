# A local is still a hard-coded id (not a parameter): reported where it is written.
locals {
  amis = {
    eu-west-1 = "ami-0c55b159cbfafe1f0" # expect: hardcoded/ami-id
    us-east-1 = "ami-0aaaaaaaaaaaaaaaa" # expect: hardcoded/ami-id
  }
}

data "aws_ami" "pinned" {
  owners = ["self"]
  filter {
    name   = "image-id"
    values = ["ami-0bbbbbbbbbbbbbbbb"] # expect: hardcoded/ami-id
  }
}

resource "aws_instance" "web" {
  ami           = local.amis["eu-west-1"]
  instance_type = "t3.micro"
}

resource "aws_imagebuilder_image_recipe" "arn" {
  name         = "recipe"
  version      = "1.0.0"
  parent_image = "arn:aws:ec2:eu-west-1::image/ami-0cccccccccccccccc" # expect: hardcoded/ami-id
}
