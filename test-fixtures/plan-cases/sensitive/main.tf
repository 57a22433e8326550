# Reviewed with plan.json beside it.
# fixture-rules: plan/destroys-stateful, plan/replaces-stateful
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "db_password" {
  type      = string
  sensitive = true
}

variable "api_key" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "reports" {
  identifier              = "reports"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t4g.small"
  allocated_storage       = 20
  storage_encrypted       = true
  username                = "reports"
  password                = var.db_password
  backup_retention_period = 14
  deletion_protection     = true
  skip_final_snapshot     = false

  tags = {
    team = "analytics"
  }
}

resource "aws_ssm_parameter" "api_key" {
  name  = "/reports/api-key"
  type  = "SecureString"
  value = var.api_key

  tags = {
    team = "analytics"
  }
}
