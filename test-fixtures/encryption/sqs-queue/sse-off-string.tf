resource "aws_sqs_queue" "events" {
  name                    = "events"
  sqs_managed_sse_enabled = "false" # expect: encryption/sqs-queue
  kms_master_key_id       = null
}
