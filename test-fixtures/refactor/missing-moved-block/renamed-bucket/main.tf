resource "aws_s3_bucket" "audit_logs" { # expect: refactor/missing-moved-block
  bucket = "acme-logs"
}
