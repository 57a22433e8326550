# Passing: the region comes from tfvars through a variable.
provider "aws" {
  region = var.region
}

variable "region" {
  type = string
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0123456789abcdef0"
  service_name = "com.amazonaws.${var.region}.s3"
}
