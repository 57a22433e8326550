resource "aws_s3_bucket_acl" "reports" {
  bucket = "reports"
  acl    = "public-read" # expect: network/s3-public-acl[error]
}
