# Outside prod/** the policy is off: short retention is fine for development.
resource "aws_cloudwatch_log_group" "api" {
  name              = "/dev/api"
  retention_in_days = 7
}
