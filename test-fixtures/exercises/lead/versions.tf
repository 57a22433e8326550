terraform {
  required_version = "~> 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }

  backend "s3" {
    bucket  = "acme-terraform-state"
    key     = "orders-platform/terraform.tfstate"
    region  = "eu-west-1"
    encrypt = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Owner       = "orders-team"
      Environment = var.environment
      CostCenter  = "cc-1042"
    }
  }
}
