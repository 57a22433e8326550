# A database protected by every argument: no rule of lifecycle, resilience,
# encryption or network exposure has anything to say about it.
# fixture-rules: encryption/kms-key-rotation, lifecycle/prevent-destroy, network/public-database, resilience/backups, resilience/deletion-protection
resource "aws_kms_key" "db" {
  description         = "orders database"
  enable_key_rotation = true

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_db_instance" "orders" {
  identifier                = "orders"
  engine                    = "postgres"
  instance_class            = "db.t3.medium"
  allocated_storage         = 50
  storage_encrypted         = true
  kms_key_id                = aws_kms_key.db.arn
  deletion_protection       = true
  backup_retention_period   = 14
  skip_final_snapshot       = false
  final_snapshot_identifier = "orders-final"
  publicly_accessible       = false

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_dynamodb_table" "sessions" {
  name                        = "sessions"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "id"
  deletion_protection_enabled = true

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  lifecycle {
    prevent_destroy = true
  }
}
