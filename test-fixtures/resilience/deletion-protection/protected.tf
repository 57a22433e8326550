resource "aws_rds_cluster" "reports" {
  cluster_identifier  = "reports"
  engine              = "aurora-postgresql"
  deletion_protection = true
}

resource "aws_lb" "internal" {
  name                       = "internal"
  internal                   = true
  enable_deletion_protection = true
}

resource "aws_cognito_user_pool" "users" {
  name                = "users"
  deletion_protection = "ACTIVE"
}

# Not a type with a deletion-protection argument.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

data "aws_db_instance" "legacy" {
  db_instance_identifier = "legacy"
}
