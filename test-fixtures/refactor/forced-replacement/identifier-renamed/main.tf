resource "aws_db_instance" "orders" {
  identifier        = "orders-prod" # expect: refactor/forced-replacement
  engine            = "postgres"
  storage_encrypted = true

  lifecycle {
    create_before_destroy = true
  }
}
