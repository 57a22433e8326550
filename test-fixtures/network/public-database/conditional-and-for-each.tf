locals {
  environment = "dev"
  databases = {
    api     = { public = false }
    reports = { public = true }
  }
}

resource "aws_db_instance" "sandbox" {
  identifier          = "sandbox"
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  publicly_accessible = local.environment == "dev" # expect: network/public-database
}

resource "aws_db_instance" "per_team" {
  for_each            = local.databases
  identifier          = each.key
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = each.value.public # expect: network/public-database
}

resource "aws_db_instance" "never_created" {
  count               = 0
  identifier          = "never"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = true
}
