provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      CostCenter = "finance" # expect: tagging/tag-values
    }
  }
}

# Both buckets inherit the bad default: reported once, at the default tag.
resource "aws_s3_bucket" "a" {
  bucket = "a"
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket" "c" {
  bucket = "c"
  tags = {
    CostCenter = "cc-1234"
  }
}
