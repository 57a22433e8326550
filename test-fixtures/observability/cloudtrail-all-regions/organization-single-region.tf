resource "aws_cloudtrail" "org" {
  name           = "org"
  s3_bucket_name = "audit-logs"
  enable_log_file_validation = true
  is_organization_trail      = true
  is_multi_region_trail      = null # expect: observability/cloudtrail-all-regions
}
