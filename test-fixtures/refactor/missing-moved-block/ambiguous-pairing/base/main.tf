resource "aws_db_instance" "primary" {
  identifier     = "orders"
  engine         = "postgres"
  instance_class = "db.t3.medium"
}

resource "aws_db_instance" "replica" {
  identifier          = "orders-replica"
  replicate_source_db = "orders"
  instance_class      = "db.t3.medium"
}
