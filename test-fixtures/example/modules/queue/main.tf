variable "name" {
  type        = string
  description = "Queue name."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags from the caller."
  default     = {}
}

# A child module: the caller's provider default_tags apply here, so missing
# tags cannot be proven; the review checklist lists them for a human instead.
resource "aws_sqs_queue" "this" {
  name                      = var.name
  message_retention_seconds = 1209600
  tags                      = var.tags
}

output "queue_arn" {
  description = "ARN of the queue."
  value       = aws_sqs_queue.this.arn
}
