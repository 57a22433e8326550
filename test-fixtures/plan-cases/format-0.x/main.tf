# Reviewed with plan.json beside it.
# fixture-rules: plan/destroys-stateful, plan/replaces-stateful
terraform {
  required_version = "~> 0.12.31"
}

provider "aws" {
  region  = "eu-west-1"
  version = "~> 2.70"
}

resource "aws_s3_bucket" "archive" {
  bucket = "acme-archive"
  acl    = "private"

  versioning {
    enabled = true
  }

  tags = {
    team = "records"
  }
}

resource "aws_iam_role" "lambda" {
  name = "archive-lambda"

  assume_role_policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Service": "lambda.amazonaws.com" },
      "Action": "sts:AssumeRole"
    }
  ]
}
POLICY

  tags = {
    team = "records"
  }
}
