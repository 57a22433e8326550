# 0 means "never expire" to CloudWatch.
resource "aws_cloudwatch_log_group" "audit" {
  name              = "/app/audit"
  retention_in_days = 0 # expect: observability/log-retention[warning]
  skip_destroy      = true
}

resource "aws_cloudwatch_log_group" "nulled" {
  name              = "/app/nulled"
  retention_in_days = null # expect: observability/log-retention
}
