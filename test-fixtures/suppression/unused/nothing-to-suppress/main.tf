# expect: suppression/unused
# iac-review:ignore naming/identifier-format -- legacy name kept for the console
resource "aws_s3_bucket" "app_logs" {
  bucket = "app-logs"
}
