# A reusable module: whether the block is for this bucket, and what it sets, are its callers' inputs.
# Undecided (checklist items), never findings.
variable "bucket_id" {
  type = string
}

variable "block_policy" {
  type = bool
}

resource "aws_s3_bucket" "this" {
  bucket = "acme-module"
}

resource "aws_s3_bucket_public_access_block" "other" {
  bucket                  = var.bucket_id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "second" {
  bucket = "acme-second"
}

resource "aws_s3_bucket_public_access_block" "second" {
  bucket                  = aws_s3_bucket.second.id
  block_public_acls       = true
  block_public_policy     = var.block_policy
  ignore_public_acls      = true
  restrict_public_buckets = true
}
