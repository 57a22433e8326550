resource "aws_s3_bucket" "uploads" {
  bucket = "uploads"
  acl    = "public-read-write" # expect: network/s3-public-acl
}
