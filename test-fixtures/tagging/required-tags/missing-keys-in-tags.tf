provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  tags = { # expect: tagging/required-tags[warning]
    Owner = "platform"
  }
}

# Not taggable: never reported.
resource "aws_iam_role_policy_attachment" "x" {
  role       = "r"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# Data sources are read, not created: never reported.
data "aws_s3_bucket" "existing" {
  bucket = "other"
}
