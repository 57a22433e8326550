# Passing: secrets that come from somewhere else (a child module: var.* is an input).
variable "db_password" {
  type      = string
  sensitive = true
}

resource "random_password" "db" {
  length  = 32
  special = false
}

data "aws_secretsmanager_secret_version" "api" {
  secret_id = "prod/api"
}

resource "aws_db_instance" "a" {
  identifier = "a"
  password   = var.db_password
}

resource "aws_db_instance" "b" {
  identifier = "b"
  password   = random_password.db.result
}

resource "aws_db_instance" "c" {
  identifier = "c"
  password   = "${random_password.db.result}"
}

resource "aws_db_instance" "d" {
  identifier = "d"
  password   = jsondecode(data.aws_secretsmanager_secret_version.api.secret_string)["password"]
}

resource "aws_db_instance" "e" {
  identifier = "e"
  password   = coalesce(var.db_password, random_password.db.result)
}

resource "aws_secretsmanager_secret_version" "f" {
  secret_id     = "f"
  secret_string = jsonencode({ username = "app", password = random_password.db.result })
}

resource "aws_iam_server_certificate" "g" {
  name             = "g"
  certificate_body = file("${path.module}/cert.pem")
  private_key      = file("${path.module}/key.pem")
}

resource "aws_rds_cluster" "h" {
  cluster_identifier          = "h"
  master_username             = "app"
  manage_master_user_password = true
}

resource "aws_elasticache_replication_group" "i" {
  replication_group_id = "i"
  description          = "cache"
  auth_token           = ""
}
