resource "aws_kms_key" "queue" {
  enable_key_rotation = true
}

# A KMS key replaces SSE-SQS.
resource "aws_sqs_queue" "orders" {
  name                    = "orders"
  sqs_managed_sse_enabled = false
  kms_master_key_id       = aws_kms_key.queue.arn
}
