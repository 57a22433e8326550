variable "publicly_accessible" {
  type    = bool
  default = false
}

# The caller decides: the checklist asks a human.
resource "aws_db_instance" "main" {
  identifier          = "main"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = var.publicly_accessible
}
