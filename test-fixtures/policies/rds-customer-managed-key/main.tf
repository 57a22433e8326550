resource "aws_kms_key" "db" {
  description         = "orders database"
  enable_key_rotation = true
}

resource "aws_db_instance" "orders" {
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  storage_encrypted = true
  kms_key_id        = aws_kms_key.db.arn
}

resource "aws_db_instance" "billing" { # expect: acme/rds-customer-managed-key
  engine            = "postgres"
  instance_class    = "db.t4g.medium"
  storage_encrypted = true
}

resource "aws_db_instance" "legacy" {
  engine            = "mysql"
  instance_class    = "db.t4g.small"
  storage_encrypted = false # expect: acme/rds-customer-managed-key
  kms_key_id        = aws_kms_key.db.arn
}

resource "aws_rds_cluster" "reports" { # expect: acme/rds-customer-managed-key
  engine = "aurora-postgresql"
}

# A read replica takes its encryption from its source: not selected.
resource "aws_db_instance" "orders_replica" {
  replicate_source_db = aws_db_instance.orders.identifier
  instance_class      = "db.t4g.medium"
}

# Created only when var.create is true: reported, and the message says when.
variable "create" {
  type    = bool
  default = true
}

resource "aws_db_instance" "optional" { # expect: acme/rds-customer-managed-key
  count             = var.create ? 1 : 0
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  storage_encrypted = true
}
