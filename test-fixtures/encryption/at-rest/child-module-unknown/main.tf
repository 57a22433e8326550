variable "encrypted" {
  type    = bool
  default = true
}

variable "extra_volumes" {
  type = list(object({ device_name = string, encrypted = bool }))
}

# The caller decides: the checklist asks a human.
resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  storage_encrypted = var.encrypted
}

resource "aws_instance" "main" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.large"

  dynamic "ebs_block_device" {
    for_each = var.extra_volumes
    content {
      device_name = ebs_block_device.value.device_name
      encrypted   = ebs_block_device.value.encrypted
    }
  }
}
