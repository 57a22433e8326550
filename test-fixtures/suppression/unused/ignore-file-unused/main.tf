# iac-review:ignore-file naming/identifier-format -- generated code # expect: suppression/unused
resource "aws_s3_bucket" "app_logs" {
  bucket = "app-logs"
}

variable "retention_days" {
  type = number
}
