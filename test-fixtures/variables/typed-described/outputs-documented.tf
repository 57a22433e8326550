resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

output "queue_url" {
  description = "URL of the job queue."
  value       = aws_sqs_queue.jobs.url
}

output "queue_arn" {
  description = "ARN of the job queue."
  value       = aws_sqs_queue.jobs.arn
  sensitive   = false
}
