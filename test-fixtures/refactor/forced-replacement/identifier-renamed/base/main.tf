resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  storage_encrypted = true

  lifecycle {
    create_before_destroy = true
  }
}
