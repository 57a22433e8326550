# SSE-SQS is the default: nothing to report.
resource "aws_sqs_queue" "orders" {
  name = "orders"
}

resource "aws_sqs_queue" "explicit" {
  name                    = "explicit"
  sqs_managed_sse_enabled = true
}
