resource "aws_instance" "wiki" {
  ami                    = "ami-0c1a7f89451184c8b"
  instance_type          = "t3.small"
  subnet_id              = var.subnet_ids[0]
  vpc_security_group_ids = [aws_security_group.wiki.id]
  iam_instance_profile   = aws_iam_instance_profile.wiki.name

  root_block_device {
    volume_size = 20
    encrypted   = true
  }

  tags = merge(local.tags, { Name = local.name })
}

resource "aws_ebs_volume" "pages" {
  availability_zone = "eu-west-1a"
  size              = 100
  type              = "gp3"
  encrypted         = false

  tags = merge(local.tags, { Name = "${local.name}-pages" })

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_volume_attachment" "pages" {
  device_name = "/dev/sdf"
  volume_id   = aws_ebs_volume.pages.id
  instance_id = aws_instance.wiki.id
}
