variable "name" {
  type = string
}

variable "storage_encrypted" {
  type = bool
}

resource "aws_db_instance" "this" {
  identifier        = var.name
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  storage_encrypted = var.storage_encrypted
}
