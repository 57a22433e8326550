resource "aws_db_instance" "orders" {
  identifier                = "orders-v2"
  engine                    = "postgres"
  engine_version            = "16.3"
  instance_class            = "db.t3.medium"
  allocated_storage         = 50
  username                  = "orders"
  password                  = var.db_password
  storage_encrypted         = true
  backup_retention_period   = 14
  deletion_protection       = true
  final_snapshot_identifier = "orders-v2-final"
  vpc_security_group_ids    = [aws_security_group.db.id]

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "Clients of the orders database"

  ingress {
    description = "PostgreSQL from the clients"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = var.db_clients
  }
}
