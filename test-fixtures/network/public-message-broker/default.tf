# Private is the default.
resource "aws_mq_broker" "events" {
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"

  user {
    username = "app"
    password = var.mq_password
  }
}

variable "mq_password" {
  type      = string
  sensitive = true
}
