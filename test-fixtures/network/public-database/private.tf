resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = false
}

# Private is the default.
resource "aws_rds_cluster_instance" "reports" {
  cluster_identifier = "reports"
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}

resource "aws_redshiftserverless_workgroup" "analytics" {
  namespace_name      = "analytics"
  workgroup_name      = "analytics"
  publicly_accessible = false
}

# Not a database (network/open-ingress and other rules cover brokers).
resource "aws_mq_broker" "events" {
  broker_name         = "events"
  engine_type         = "RabbitMQ"
  engine_version      = "3.13"
  host_instance_type  = "mq.t3.micro"
  publicly_accessible = true
}
