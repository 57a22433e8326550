locals {
  databases = {
    orders  = { protect = true }
    scratch = { protect = false }
  }
}

resource "aws_db_instance" "per_team" {
  for_each            = local.databases
  identifier          = each.key
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = each.value.protect # expect: resilience/deletion-protection
}

resource "aws_db_instance" "all_protected" {
  for_each            = toset(["a", "b"])
  identifier          = each.value
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = each.value != ""
}

# count = 0: nothing is created, nothing to protect.
resource "aws_db_instance" "disabled" {
  count          = 0
  identifier     = "disabled"
  engine         = "postgres"
  instance_class = "db.t3.medium"
}

resource "aws_rds_cluster" "replicas" { # expect: resilience/deletion-protection
  count              = 2
  cluster_identifier = "replica-${count.index}"
  engine             = "aurora-postgresql"
}
