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

resource "aws_db_instance" "orders" { # expect: plan/replaces-stateful
  identifier                  = "orders-db-v2"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  storage_encrypted           = true
  username                    = "orders"
  manage_master_user_password = true
  backup_retention_period     = 7
  deletion_protection         = false
  skip_final_snapshot         = false
  final_snapshot_identifier   = "orders-db-final"

  tags = {
    team = "orders"
  }
}
