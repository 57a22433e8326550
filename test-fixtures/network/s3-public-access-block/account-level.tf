resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = "false" # expect: network/s3-public-access-block
  restrict_public_buckets = true
}
