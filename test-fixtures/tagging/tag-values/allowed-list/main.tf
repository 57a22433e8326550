provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "a" {
  bucket = "a"
  tags = {
    environment = "production" # expect: tagging/tag-values
  }
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
  tags = {
    Environment = "prod"
  }
}
