resource "aws_kms_key" "payments" {
  description             = "Payments worker data"
  deletion_window_in_days = 30

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_sqs_queue" "events" {
  name                       = "payments-events-${var.environment}"
  visibility_timeout_seconds = 120
  kms_master_key_id          = aws_kms_key.payments.arn

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letters.arn
    maxReceiveCount     = 5
  })

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_sqs_queue" "dead_letters" {
  name                      = "payments-events-${var.environment}-dlq"
  message_retention_seconds = 1209600
  kms_master_key_id         = aws_kms_key.payments.arn

  lifecycle {
    prevent_destroy = true
  }
}
