resource "aws_cloudtrail" "audit" {
  name           = "audit"
  s3_bucket_name = "audit-logs"
  enable_log_file_validation = "false" # expect: observability/cloudtrail-log-validation
  is_multi_region_trail      = true
}
