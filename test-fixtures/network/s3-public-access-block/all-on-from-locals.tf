locals {
  block = true
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = "data"
  block_public_acls       = local.block
  block_public_policy     = local.block
  ignore_public_acls      = local.block
  restrict_public_buckets = local.block
}
