locals {
  volumes = {
    logs = { size = 50, encrypted = true }
    tmp  = { size = 20, encrypted = false }
  }
}

resource "aws_ebs_volume" "per_use" {
  for_each          = local.volumes
  availability_zone = "eu-west-1a"
  size              = each.value.size
  encrypted         = each.value.encrypted # expect: encryption/at-rest
}

resource "aws_instance" "batch" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.large"

  root_block_device {
    encrypted = true
  }

  dynamic "ebs_block_device" {
    for_each = ["/dev/sdf", "/dev/sdg"]
    content {
      device_name = ebs_block_device.value
      encrypted   = false # expect: encryption/at-rest
    }
  }
}

locals {
  data_disks = [
    { device = "/dev/sdh", encrypted = true },
    { device = "/dev/sdi", encrypted = false },
  ]
}

resource "aws_instance" "db" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "r6i.large"

  root_block_device {
    encrypted = true
  }

  dynamic "ebs_block_device" {
    for_each = local.data_disks
    iterator = disk
    content {
      device_name = disk.value.device
      encrypted   = disk.value.encrypted # expect: encryption/at-rest
    }
  }

  dynamic "ebs_block_device" {
    for_each = []
    content {
      device_name = "/dev/sdz"
    }
  }
}
