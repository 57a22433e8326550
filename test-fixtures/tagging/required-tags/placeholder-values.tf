provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      Owner       = "TODO" # expect: tagging/required-tags
      Environment = "prod"
    }
  }
}

# Both buckets inherit the placeholder: it is reported once, where it is written.
resource "aws_s3_bucket" "a" {
  bucket = "a"
  tags = {
    CostCenter = "todo" # expect: tagging/required-tags
  }
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
  tags = {
    CostCenter = "cc-1"
  }
}
