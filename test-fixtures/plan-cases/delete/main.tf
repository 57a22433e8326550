# Reviewed with plan.json beside it. # expect: plan/destroys-stateful
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

# aws_s3_bucket.old_uploads was removed from this file in the change under review:
# the plan deletes it (delete_because_no_resource_config).

resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"

  tags = {
    team = "web"
  }
}
