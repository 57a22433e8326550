locals {
  acl = "authenticated-read"
}

resource "aws_s3_bucket_acl" "shared" {
  bucket = "shared"
  acl    = local.acl # expect: network/s3-public-acl
}
