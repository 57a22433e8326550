module "alarms" {
  source = "git::https://github.com/acme/terraform-aws-service-alarms.git?ref=main"

  service           = "payments-worker"
  queue_name        = aws_sqs_queue.dead_letters.name
  alarm_topic_arn   = "arn:aws:sns:${var.region}:${data.aws_caller_identity.current.account_id}:payments-alerts"
  dlq_depth_warning = 1
}

data "aws_caller_identity" "current" {}

resource "random_id" "dashboard_suffix" {
  byte_length = 4
}

resource "aws_cloudwatch_dashboard" "worker" {
  dashboard_name = "payments-worker-${random_id.dashboard_suffix.hex}"
  dashboard_body = jsonencode({
    widgets = []
  })
}
