provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "a" {
  bucket = "a"
  tags = {
    Environment = "staging"
    CostCenter  = "cc-9876"
    Unchecked   = "whatever"
  }
}
