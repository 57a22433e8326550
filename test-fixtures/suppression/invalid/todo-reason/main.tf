resource "aws_s3_bucket" "app_logs" {
  bucket = "app-logs"
}

# expect: suppression/invalid
# iac-review:ignore naming/identifier-format -- TODO: ask the platform team
variable "LogRetention" { # expect: naming/identifier-format
  type = number
}
