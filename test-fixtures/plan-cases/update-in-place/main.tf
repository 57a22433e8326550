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

resource "aws_iam_policy" "deploy" {
  name        = "site-deploy"
  description = "CI deploys the static site"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:*"]
      Resource = ["arn:aws:s3:::acme-site", "arn:aws:s3:::acme-site/*"]
    }]
  })

  tags = {
    team = "web"
  }
}
