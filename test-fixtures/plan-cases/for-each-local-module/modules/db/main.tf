variable "name" {
  type = string
}

variable "public" {
  type = bool
}

resource "aws_db_instance" "this" {
  identifier          = var.name
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = var.public
}
