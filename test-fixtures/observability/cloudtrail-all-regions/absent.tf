resource "aws_cloudtrail" "audit" { # expect: observability/cloudtrail-all-regions[warning]
  name           = "audit"
  s3_bucket_name = "audit-logs"
  enable_log_file_validation = true
}
