locals {
  warehouse_name = "warehouse"
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  skip_final_snapshot = true # expect: resilience/backups[warning]
}

resource "aws_rds_cluster" "reports" {
  cluster_identifier        = "reports"
  engine                    = "aurora-postgresql"
  skip_final_snapshot       = true # expect: resilience/backups
  final_snapshot_identifier = "reports-final"
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier  = local.warehouse_name
  node_type           = "ra3.xlplus"
  skip_final_snapshot = true # expect: resilience/backups
}

# No identifier to name the snapshot after: reported, but no automatic fix.
resource "aws_docdb_cluster" "catalog" {
  engine              = "docdb"
  skip_final_snapshot = true # expect: resilience/backups
}
