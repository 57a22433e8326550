variable "public" {
  default = false
}

# The caller decides: the checklist asks a human.
resource "aws_mq_broker" "main" {
  broker_name        = "main"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"
  publicly_accessible = var.public

  user {
    username = "app"
    password = var.mq_password
  }
}

variable "mq_password" {
  type      = string
  sensitive = true
}
