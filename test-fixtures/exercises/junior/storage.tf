resource "aws_s3_bucket" "attachments" {
  bucket = "${local.name}-attachments"

  tags = {
    Owner       = "platform-team"
    Environment = var.environment
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_db_subnet_group" "wiki" {
  name       = "${local.name}-db"
  subnet_ids = var.subnet_ids

  tags = local.tags
}

resource "aws_db_instance" "wiki" {
  identifier              = "${local.name}-db"
  engine                  = "mysql"
  engine_version          = "8.0"
  instance_class          = "db.t3.small"
  allocated_storage       = 20
  db_name                 = "wiki"
  username                = "wiki"
  password                = "Wiki2024!secure"
  db_subnet_group_name    = aws_db_subnet_group.wiki.name
  vpc_security_group_ids  = [aws_security_group.db.id]
  publicly_accessible     = true
  storage_encrypted       = true
  deletion_protection     = true
  backup_retention_period = 7

  tags = local.tags

  lifecycle {
    prevent_destroy = true
  }
}
