resource "aws_db_instance" "orders" { # expect: encryption/at-rest[warning]
  identifier     = "orders"
  engine         = "postgres"
  instance_class = "db.t3.medium"
}

resource "aws_rds_cluster" "reports" {
  cluster_identifier = "reports"
  engine             = "aurora-postgresql"
  storage_encrypted  = false # expect: encryption/at-rest
}

resource "aws_docdb_cluster" "catalog" { # expect: encryption/at-rest
  cluster_identifier = "catalog"
  engine             = "docdb"
}

resource "aws_elasticache_replication_group" "sessions" { # expect: encryption/at-rest
  replication_group_id = "sessions"
  description          = "sessions"
  engine               = "redis"
  node_type            = "cache.t4g.small"
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
  encrypted          = false # expect: encryption/at-rest
}

# Encrypted without saying so: Aurora Serverless v1, Valkey, Redshift (AWS default).
resource "aws_rds_cluster" "serverless" {
  cluster_identifier = "serverless"
  engine             = "aurora-mysql"
  engine_mode        = "serverless"
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "cache"
  engine               = "valkey"
  node_type            = "cache.t4g.small"
}

resource "aws_redshift_cluster" "default_encrypted" {
  cluster_identifier = "default-encrypted"
  node_type          = "ra3.xlplus"
}

# Restored from a snapshot: encryption follows the snapshot (checklist item).
resource "aws_db_instance" "restored" {
  identifier          = "restored"
  instance_class      = "db.t3.medium"
  snapshot_identifier = "orders-2026-11-01"
}
