resource "aws_db_instance" "orders" {
  identifier        = "orders"
  instance_class    = "db.t3.medium"
  storage_encrypted = true
}

resource "aws_dynamodb_table" "carts" {
  name     = "carts"
  hash_key = "id"
}
