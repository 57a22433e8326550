# iac-review:ignore-file naming/identifier-format -- names are referenced by other stacks' remote state
resource "aws_s3_bucket" "AppLogs" {
  bucket = "app-logs"
}

variable "LogRetention" {
  type = number
}
