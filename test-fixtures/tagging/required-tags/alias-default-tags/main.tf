# Uses the default provider: its default_tags cover every required key.
resource "aws_s3_bucket" "eu" {
  bucket = "acme-eu"
}

# Uses the aliased provider, whose default_tags only carry Owner.
resource "aws_s3_bucket" "us" { # expect: tagging/required-tags
  provider = aws.us
  bucket   = "acme-us"
}

resource "aws_s3_bucket" "us_tagged" {
  provider = aws.us
  bucket   = "acme-us-tagged"
  tags = {
    Environment = "prod"
    CostCenter  = "cc-1234"
  }
}
