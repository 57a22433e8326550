# Reviewed with plan.json beside it.
# fixture-rules: plan/destroys-stateful, plan/replaces-stateful
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"

  tags = {
    team = "platform"
  }
}

moved {
  from = aws_s3_bucket.log_bucket
  to   = aws_s3_bucket.logs
}
