data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
}

resource "aws_launch_configuration" "workers" {
  name_prefix                 = "workers-"
  image_id                    = data.aws_ami.al2023.id
  instance_type               = "t3.micro"
  associate_public_ip_address = true # expect: network/instance-public-ip
}
