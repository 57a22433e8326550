# fixture-rules: network/public-database
# The code cannot tell whether the database is public (var.public has no default); the plan can.
variable "public" {
  type = bool
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = var.public # expect: network/public-database
}

resource "aws_db_instance" "reports" {
  identifier          = "reports"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = var.public_reports
}

variable "public_reports" {
  type = bool
}
