# Absent retention is the provider default (1 day), not 0.
resource "aws_db_instance" "orders" {
  identifier                = "orders"
  engine                    = "postgres"
  instance_class            = "db.t3.medium"
  final_snapshot_identifier = "orders-final"
}

# Read replicas take no final snapshot and keep no backups of their own.
resource "aws_db_instance" "orders_replica" {
  identifier              = "orders-replica"
  replicate_source_db     = aws_db_instance.orders.identifier
  instance_class          = "db.t3.medium"
  backup_retention_period = 0
  skip_final_snapshot     = true
}

resource "aws_rds_cluster" "reports" {
  cluster_identifier        = "reports"
  skip_final_snapshot       = false
  final_snapshot_identifier = "reports-final"
  backup_retention_period   = 14
}

resource "aws_dynamodb_table" "events" {
  name         = "events"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  point_in_time_recovery {
    enabled = true
  }
}
