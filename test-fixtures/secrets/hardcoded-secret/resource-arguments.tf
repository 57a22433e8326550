resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  allocated_storage = 20
  username          = "app"
  password          = "s3cr3t-Passw0rd" # expect: secrets/hardcoded-secret[error]
}

resource "aws_mq_broker" "events" {
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.t3.micro"
  user {
    username = "admin"
    password = "changeme" # expect: secrets/hardcoded-secret
  }
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
  master_username    = "app"
  # expect: secrets/hardcoded-secret
  master_password = <<-EOT
    correct-horse-battery-staple
  EOT
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "worker.zip"
  environment {
    variables = {
      LOG_LEVEL   = "info"
      DB_PASSWORD = "hunter2" # expect: secrets/hardcoded-secret
      apiToken    = "tok_live_1234567890" # expect: secrets/hardcoded-secret
    }
  }
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id = "db"
  secret_string = jsonencode({
    username = "app"
    password = "p@ss-in-json" # expect: secrets/hardcoded-secret
  })
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name  = "app"
    image = "nginx:1.27"
    environment = [
      { name = "LOG_LEVEL", value = "info" },
      { name = "STRIPE_SECRET", value = "sk_live_abc" }, # expect: secrets/hardcoded-secret
    ]
  }])
}

resource "kubernetes_deployment" "app" {
  metadata {
    name = "app"
  }
  spec {
    template {
      metadata {
        name = "app"
      }
      spec {
        container {
          name  = "app"
          image = "nginx:1.27"
          env {
            name  = "REDIS_PASSWORD"
            value = "r3dis" # expect: secrets/hardcoded-secret
          }
          env {
            name  = "REDIS_HOST"
            value = "redis"
          }
        }
      }
    }
  }
}

resource "helm_release" "db" {
  name  = "db"
  chart = "postgresql"
  set {
    name  = "auth.postgresPassword"
    value = "pg-admin-pw" # expect: secrets/hardcoded-secret
  }
  set {
    name  = "auth.existingSecret"
    value = "pg-credentials"
  }
}

resource "google_secret_manager_secret_version" "v" {
  secret      = "projects/acme/secrets/db-password"
  secret_data = "gcp-payload" # expect: secrets/hardcoded-secret
}
