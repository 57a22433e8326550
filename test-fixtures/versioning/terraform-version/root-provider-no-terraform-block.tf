provider "aws" { # expect: versioning/terraform-version[warning]
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
