# Data that is transient by configuration: destroying it loses nothing that would not be gone within the hour.
resource "aws_sqs_queue" "interruptions" {
  name                      = "interruptions"
  message_retention_seconds = 300
}

resource "aws_elasticache_cluster" "sessions" {
  cluster_id      = "sessions"
  engine          = "memcached"
  node_type       = "cache.t4g.micro"
  num_cache_nodes = 1
}

variable "retention_seconds" {
  type = number
}

# Unknown retention: left to the review checklist, not reported.
resource "aws_sqs_queue" "configurable" {
  name                      = "configurable"
  message_retention_seconds = var.retention_seconds
}

# Close cases: the same types keeping data.
resource "aws_sqs_queue" "orders" { # expect: lifecycle/prevent-destroy
  name                      = "orders"
  message_retention_seconds = 3600
}

resource "aws_sqs_queue" "defaults" { # expect: lifecycle/prevent-destroy
  name = "defaults"
}

resource "aws_elasticache_cluster" "redis" { # expect: lifecycle/prevent-destroy
  cluster_id      = "redis"
  engine          = "redis"
  node_type       = "cache.t4g.micro"
  num_cache_nodes = 1
}

resource "aws_sqs_queue" "unprotected" {
  name                      = "unprotected"
  message_retention_seconds = 1209600

  lifecycle {
    prevent_destroy = false # expect: lifecycle/prevent-destroy
  }
}
