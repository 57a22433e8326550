# The caller decides the retention: the checklist asks, the editor stays quiet.
resource "aws_cloudwatch_log_group" "this" {
  name              = var.name
  retention_in_days = var.retention_in_days
}

variable "name" {
  type        = string
  description = "Log group name."
}

variable "retention_in_days" {
  type        = number
  description = "How long to keep the logs."
  default     = 0
}
