# expect: suppression/invalid
# iac-review:ignore naming/identifier-format
resource "aws_s3_bucket" "AppLogs" { # expect: naming/identifier-format
  bucket = "app-logs"
}
