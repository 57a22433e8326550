variable "validation" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "audit-logs"
  enable_log_file_validation = var.validation
}
