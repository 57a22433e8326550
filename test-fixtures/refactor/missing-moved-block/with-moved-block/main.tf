resource "aws_s3_bucket" "audit_logs" {
  bucket = "acme-logs"
}

moved {
  from = aws_s3_bucket.logs
  to   = aws_s3_bucket.audit_logs
}
