resource "aws_launch_template" "workers" {
  name_prefix   = "workers-"
  instance_type = "t3.micro"

  network_interfaces {
    associate_public_ip_address = "true" # expect: network/instance-public-ip
    security_groups             = ["sg-0123456789abcdef0"]
  }
}
