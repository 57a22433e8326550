resource "aws_cloudtrail" "audit" {
  name           = "audit"
  s3_bucket_name = "audit-logs"
  enable_log_file_validation = true
  is_multi_region_trail      = false # expect: observability/cloudtrail-all-regions
}
