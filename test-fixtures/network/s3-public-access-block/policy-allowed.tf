resource "aws_s3_bucket_public_access_block" "data" {
  bucket = "data"
  block_public_acls       = true
  block_public_policy     = false # expect: network/s3-public-access-block[warning]
  ignore_public_acls      = true
  restrict_public_buckets = true
}
