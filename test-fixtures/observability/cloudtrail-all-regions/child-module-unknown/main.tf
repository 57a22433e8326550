variable "multi_region" {
  default = true
}

# The caller decides: the checklist asks a human.
resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "audit-logs"
  is_multi_region_trail = var.multi_region
}
