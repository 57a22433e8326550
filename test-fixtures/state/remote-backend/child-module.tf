# A reusable module: no backend, no configured provider. Its caller owns the state.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

resource "aws_s3_bucket" "this" {
  bucket = "acme-data"
}
