# The account's EBS encryption by default covers volumes that say nothing.
resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.large"

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 200
  }
}
