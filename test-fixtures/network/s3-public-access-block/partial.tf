resource "aws_s3_bucket_public_access_block" "data" { # expect: network/s3-public-access-block
  bucket = "data"
  block_public_acls   = true
  block_public_policy = true
}
