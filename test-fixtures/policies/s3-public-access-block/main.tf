resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# A block that leaves one setting off: the finding goes where the fix is made.
resource "aws_s3_bucket" "assets" {
  bucket = "acme-assets"
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket                  = aws_s3_bucket.assets.id
  block_public_acls       = true
  block_public_policy     = false # expect: acme/bucket-public-access-block[error]
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# No block at all.
resource "aws_s3_bucket" "scratch" { # expect: acme/bucket-public-access-block
  bucket = "acme-scratch"
}

# A block for another bucket does not count for this one.
resource "aws_s3_bucket" "exports" { # expect: acme/bucket-public-access-block
  bucket = "acme-exports"
}

# Through a local, by name: still this bucket.
locals {
  reports_bucket = aws_s3_bucket.reports.id
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket                  = local.reports_bucket
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# A literal bucket name refers to the bucket of that name.
resource "aws_s3_bucket" "archive" {
  bucket = "acme-archive"
}

resource "aws_s3_bucket_public_access_block" "archive" {
  bucket                  = "acme-archive"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
