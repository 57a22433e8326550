resource "aws_cloudwatch_log_group" "api" {
  name              = "/app/api"
  retention_in_days = 30
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/app/audit"
  retention_in_days = 3653
}

# Not a log group: other resources with the same argument name are not checked.
resource "aws_cloudwatch_log_stream" "api" {
  name           = "main"
  log_group_name = aws_cloudwatch_log_group.api.name
}
