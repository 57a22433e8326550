resource "aws_db_instance" "orders" {
  identifier              = "orders"
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  backup_retention_period = 0 # expect: resilience/backups
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier                  = "warehouse"
  node_type                           = "ra3.xlplus"
  automated_snapshot_retention_period = 0 # expect: resilience/backups
}

resource "aws_dynamodb_table" "events" { # expect: resilience/backups
  name         = "events"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "carts" {
  name         = "carts"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = false # expect: resilience/backups
  }
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  point_in_time_recovery { # expect: resilience/backups
    recovery_period_in_days = 35
  }
}
