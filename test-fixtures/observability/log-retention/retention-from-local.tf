locals {
  log_retention_days = 90
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/app/api"
  retention_in_days = local.log_retention_days
}
