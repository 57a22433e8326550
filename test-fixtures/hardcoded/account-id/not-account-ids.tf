# Passing: 12-digit numbers that are not account ids, and AMI publisher ids.
data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"] # Canonical: an AMI publisher, the same in every account
  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
  }
}

resource "aws_db_snapshot" "before_upgrade" {
  db_instance_identifier = "orders"
  db_snapshot_identifier = "orders-202401011200"
}

resource "aws_ssm_parameter" "build" {
  name        = "/app/build"
  type        = "String"
  value       = "202401011200"
  description = "Build of account 123456789012, see arn:aws:iam::123456789012:root"
}

resource "aws_lambda_permission" "localstack" {
  statement_id   = "AllowLocal"
  action         = "lambda:InvokeFunction"
  function_name  = "ingest"
  principal      = "s3.amazonaws.com"
  source_account = "000000000000"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs-123456789012-archive"
  tags = {
    CostCenter = "100200300400"
  }
}
