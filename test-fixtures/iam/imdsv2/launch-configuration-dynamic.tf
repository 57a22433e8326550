locals {
  metadata = [{ tokens = "optional" }]
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
}

resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = data.aws_ami.al2023.id
  instance_type = "t3.micro"

  dynamic "metadata_options" {
    for_each = local.metadata
    content {
      http_tokens = metadata_options.value.tokens # expect: iam/imdsv2
    }
  }
}
