locals {
  queues = toset(["a", "b"])
}

resource "aws_sqs_queue" "q" {
  for_each                = local.queues
  name                    = each.key
  sqs_managed_sse_enabled = false # expect: encryption/sqs-queue
}
