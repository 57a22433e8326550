resource "aws_ebs_volume" "data" { # expect: encryption/at-rest
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_ebs_volume" "from_snapshot" {
  availability_zone = "eu-west-1a"
  snapshot_id       = "snap-0123456789abcdef0"
}

resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = false # expect: encryption/at-rest
}

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.large"

  root_block_device {
    volume_size = 50
    encrypted   = false # expect: encryption/at-rest
  }

  ebs_block_device { # expect: encryption/at-rest
    device_name = "/dev/sdf"
    volume_size = 200
  }

  ebs_block_device {
    device_name = "/dev/sdg"
    snapshot_id = "snap-0123456789abcdef0"
  }
}

resource "aws_launch_template" "workers" {
  name = "workers"

  block_device_mappings {
    device_name = "/dev/sdf"

    ebs {
      volume_size = 100
      encrypted   = "false" # expect: encryption/at-rest
    }
  }
}
