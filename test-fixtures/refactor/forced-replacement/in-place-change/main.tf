# Resizing is done in place; formatting changes are not changes.
resource "aws_db_instance" "orders" {
  identifier = "orders"
  instance_class = "db.t3.large"
  storage_encrypted = true
}

resource "aws_dynamodb_table" "carts" {
  name         = "carts"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
}
