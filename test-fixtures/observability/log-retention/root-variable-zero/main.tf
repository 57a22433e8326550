provider "aws" {
  region = "eu-west-1"
}

# The root module's value is known: 0 from terraform.tfvars. No quick fix here,
# the value is changed where it is set.
resource "aws_cloudwatch_log_group" "api" {
  name              = "/app/api"
  retention_in_days = var.retention_in_days # expect: observability/log-retention[warning]
}

variable "retention_in_days" {
  type        = number
  description = "How long to keep the logs."
  default     = 30
}
