resource "aws_db_instance" "orders" { # expect: resilience/deletion-protection[warning]
  identifier     = "orders"
  engine         = "postgres"
  instance_class = "db.t3.medium"
}

resource "aws_rds_cluster" "reports" {
  cluster_identifier  = "reports"
  engine              = "aurora-postgresql"
  deletion_protection = false # expect: resilience/deletion-protection
}

resource "aws_lb" "public" {
  name                       = "public"
  load_balancer_type         = "application"
  enable_deletion_protection = "false" # expect: resilience/deletion-protection
}

resource "aws_neptune_cluster" "graph" { # expect: resilience/deletion-protection
  cluster_identifier = "graph"

  lifecycle {
    prevent_destroy = true
  }
}
