locals {
  databases = {
    prod = { skip_snapshot = false }
    dev  = { skip_snapshot = true }
  }
}

resource "aws_db_instance" "per_env" {
  for_each            = local.databases
  identifier          = "app-${each.key}"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  skip_final_snapshot = each.value.skip_snapshot # expect: resilience/backups
}

resource "aws_db_instance" "none" {
  count               = 0
  identifier          = "none"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  skip_final_snapshot = true
}
