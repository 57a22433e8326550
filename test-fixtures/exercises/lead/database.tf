resource "aws_db_subnet_group" "orders" {
  name       = "orders-${var.environment}"
  subnet_ids = module.vpc.private_subnets
}

resource "aws_db_instance" "orders" {
  identifier              = "orders-${var.environment}"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.r6g.large"
  allocated_storage       = 200
  db_name                 = "orders"
  username                = "orders_admin"
  password                = var.db_password
  db_subnet_group_name    = aws_db_subnet_group.orders.name
  vpc_security_group_ids  = [aws_security_group.data.id]
  multi_az                = true
  deletion_protection     = true
  backup_retention_period = 14
  storage_encrypted       = true
}

resource "aws_elasticache_subnet_group" "sessions" {
  name       = "orders-sessions-${var.environment}"
  subnet_ids = module.vpc.private_subnets
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "orders-sessions-${var.environment}"
  description                = "API session cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  subnet_group_name          = aws_elasticache_subnet_group.sessions.name
  security_group_ids         = [aws_security_group.data.id]
  transit_encryption_enabled = true
  auth_token                 = "s3ss10ns-Redis-Auth-2024"
  at_rest_encryption_enabled = false

  lifecycle {
    prevent_destroy = true
  }
}
