# This team uses kebab-case: dashes are fine, underscores are not.
resource "aws_s3_bucket" "app-logs" {
  bucket = "app-logs"
}

variable "instance_type" { # expect: naming/identifier-format
  type = string
}
