resource "aws_cloudwatch_log_group" "api" {
  name              = "/prod/api"
  retention_in_days = 30 # expect: acme/log-retention-365[error]
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/prod/audit"
  retention_in_days = 731
}

resource "aws_cloudwatch_log_group" "worker" { # expect: acme/log-retention-365[error]
  name = "/prod/worker"
}

resource "aws_cloudwatch_log_group" "jobs" {
  name              = "/prod/jobs"
  retention_in_days = "400"
}

# iac-review:ignore acme/log-retention-365 -- replayed from S3, the source of record (AUD-12)
resource "aws_cloudwatch_log_group" "replay" {
  name              = "/prod/replay"
  retention_in_days = 7
}
