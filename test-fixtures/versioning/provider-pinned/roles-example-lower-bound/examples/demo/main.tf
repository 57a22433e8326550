# An example is copied into other roots: like a module, a lower bound is enough (SPEC §2a).
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_sqs_queue" "q" {
  name = "q"
}
