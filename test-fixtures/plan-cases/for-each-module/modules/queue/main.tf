variable "name" {
  type        = string
  description = "The queue's name, without the acme- prefix."
}

resource "aws_sqs_queue" "dlq" {
  name                      = "acme-${var.name}-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true

  tags = {
    team = "backend"
  }
}

resource "aws_sqs_queue" "this" {
  name                      = "acme-${var.name}"
  message_retention_seconds = 345600
  sqs_managed_sse_enabled   = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = 5
  })

  tags = {
    team = "backend"
  }
}
