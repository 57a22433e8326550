resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = true
  }
}

resource "aws_instance" "db" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = false # expect: acme/instance-volumes-encrypted
  }
}

resource "aws_instance" "cache" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  root_block_device { # expect: acme/instance-volumes-encrypted
    volume_size = 50
  }
}

# No volume blocks: not selected (the account's EBS default decides).
resource "aws_instance" "plain" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
}

variable "volumes" {
  type = map(object({ device = string, encrypted = bool }))
}

# Volumes from an input: undecided.
resource "aws_instance" "dynamic_volumes" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"

  dynamic "ebs_block_device" {
    for_each = var.volumes
    content {
      device_name = ebs_block_device.value.device
      encrypted   = ebs_block_device.value.encrypted
    }
  }
}
