resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Suspended" # expect: acme/bucket-versioning-enabled
  }
}

resource "aws_s3_bucket_versioning" "missing" { # expect: acme/bucket-versioning-enabled
  bucket = aws_s3_bucket.data.id
}

variable "versioning_status" {
  type = string
}

# From an input: undecided.
resource "aws_s3_bucket_versioning" "input" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = var.versioning_status
  }
}
