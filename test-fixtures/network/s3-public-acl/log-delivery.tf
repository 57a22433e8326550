# Grants to the log delivery group are not public.
resource "aws_s3_bucket_acl" "logs" {
  bucket = "logs"
  acl    = "log-delivery-write"
}
