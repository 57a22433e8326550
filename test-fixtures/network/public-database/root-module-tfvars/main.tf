terraform {
  backend "s3" {}
}

resource "aws_db_instance" "legacy" {
  identifier          = "legacy"
  engine              = "mysql"
  instance_class      = "db.t3.small"
  publicly_accessible = var.expose_database # expect: network/public-database
}
