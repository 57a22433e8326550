# A reusable module: the caller decides; the checklist asks a human instead.
variable "deletion_protection" {
  type    = bool
  default = false
}

variable "protect_by_name" {
  type = map(bool)
}

resource "aws_db_instance" "main" {
  identifier          = "main"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = var.deletion_protection
}

resource "aws_rds_cluster" "main" {
  for_each            = var.protect_by_name
  cluster_identifier  = each.key
  deletion_protection = each.value
}
