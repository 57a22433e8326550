# Passing: the provider is where the region is chosen; locals and variables hold values.
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

locals {
  region = "eu-west-1"
  zones  = ["eu-west-1a", "eu-west-1b"]
}

variable "dr_region" {
  type    = string
  default = "eu-central-1"
}

data "aws_region" "current" {}

resource "aws_subnet" "a" {
  vpc_id            = "vpc-0123456789abcdef0"
  cidr_block        = "10.0.1.0/24"
  availability_zone = local.zones[0]
}

resource "aws_sns_topic_subscription" "alerts" {
  topic_arn = "arn:aws:sns:${data.aws_region.current.name}:${var.account}:alerts"
  protocol  = "https"
  endpoint  = "https://hooks.example.com/alerts"
}

resource "aws_acm_certificate" "cdn" {
  provider          = aws.us_east_1
  domain_name       = "example.com"
  validation_method = "DNS"
}

variable "account" {
  type = string
}
