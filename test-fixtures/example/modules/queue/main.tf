variable "name" {
  type        = string
  description = "Queue name."
}

variable "tags" {
  type        = map(string)
  description = "Extra tags from the caller."
  default     = {}
}

# A child module: its callers' provider default_tags apply here. On its own
# it cannot prove a tag missing; reviewed through its caller (main.tf), the
# caller's values decide, and a finding goes on the caller's module block.
resource "aws_sqs_queue" "this" {
  name                      = var.name
  message_retention_seconds = 1209600
  tags                      = var.tags
}

output "queue_arn" {
  description = "ARN of the queue."
  value       = aws_sqs_queue.this.arn
}
