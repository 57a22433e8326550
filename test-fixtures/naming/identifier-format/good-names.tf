variable "instance_type" {
  type = string
}

locals {
  # Keys inside values are data, not identifiers.
  tags = { CostCenter = "1234", "app-name" = "billing" }
}

resource "aws_instance" "web_1" {
  instance_type = var.instance_type
  tags          = local.tags
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]
}

module "vpc" {
  source = "./modules/vpc"
}

output "web_instance_id" {
  value = aws_instance.web_1.id
}
