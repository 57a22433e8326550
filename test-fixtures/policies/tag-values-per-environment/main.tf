locals {
  common_tags = {
    Owner       = "payments"
    Environment = "prod"
  }
}

resource "aws_s3_bucket" "invoices" {
  bucket = "acme-invoices"
  tags   = merge(local.common_tags, { DataClassification = "confidential" })
}

resource "aws_s3_bucket" "exports" {
  bucket = "acme-exports"
  tags   = merge(local.common_tags, { DataClassification = "secret" }) # expect: acme/prod-data-classification[error]
}

resource "aws_db_instance" "ledger" { # expect: acme/prod-data-classification
  engine         = "postgres"
  instance_class = "db.t4g.medium"
  tags           = local.common_tags
}

resource "aws_instance" "dev_box" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  tags = {
    Environment = "dev"
  }
}

resource "aws_instance" "sandbox" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  tags = {
    Environment = "sandbox" # expect: acme/environment-tag
  }
}

resource "aws_lambda_function" "untagged" { # expect: acme/environment-tag
  function_name = "resize"
  role          = "arn:aws:iam::111122223333:role/resize"
}

variable "environment" {
  type = string
}

# The environment comes from an input: both policies are undecided here, never findings.
resource "aws_s3_bucket" "per_env" {
  bucket = "acme-per-env"
  tags = {
    Environment        = var.environment
    DataClassification = "internal"
  }
}
