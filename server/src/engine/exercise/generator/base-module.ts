/**
 * The clean module every generated exercise starts from: a small "orders"
 * service (network, compute, storage, IAM, observability) that the engine
 * finds nothing in under the recommended rules — a test checks it. Mutation
 * operators plant problems into copies of it.
 */
export const BASE_MODULE: Readonly<Record<string, string>> = {
  'versions.tf': `terraform {
  required_version = "~> 1.7"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket       = "acme-terraform-state"
    key          = "orders/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
`,
  'providers.tf': `provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

data "aws_ami" "app" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}
`,
  'variables.tf': `variable "region" {
  type        = string
  description = "AWS region the service runs in."
  default     = "eu-west-1"
}

variable "environment" {
  type        = string
  description = "Deployment environment (dev, staging, prod)."
  default     = "prod"
}

variable "owner" {
  type        = string
  description = "Team that owns the service."
  default     = "team-orders"
}

variable "cost_center" {
  type        = string
  description = "Cost centre the service is billed to."
  default     = "cc-1042"
}

variable "vpc_id" {
  type        = string
  description = "VPC the service runs in."
  default     = "vpc-0123456789abcdef0"
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets for the instances and the database."
  default     = ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"]
}

variable "admin_cidr" {
  type        = string
  description = "The corporate VPN range allowed to reach the instances over SSH."
  default     = "10.20.0.0/16"
}

variable "db_password" {
  type        = string
  description = "Master password of the orders database (from the secrets pipeline)."
  sensitive   = true
}
`,
  'locals.tf': `locals {
  name = "orders-\${var.environment}"

  tags = {
    Owner       = var.owner
    Environment = var.environment
    CostCenter  = var.cost_center
    Service     = "orders"
  }
}
`,
  'network.tf': `resource "aws_security_group" "app" {
  name        = "\${local.name}-app"
  description = "Orders API instances"
  vpc_id      = var.vpc_id

  ingress {
    description = "SSH from the VPN"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = merge(local.tags, { Name = "\${local.name}-app" })
}

resource "aws_security_group" "db" {
  name        = "\${local.name}-db"
  description = "Orders database"
  vpc_id      = var.vpc_id

  ingress {
    description     = "PostgreSQL from the API"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }

  tags = merge(local.tags, { Name = "\${local.name}-db" })
}
`,
  'compute.tf': `resource "aws_instance" "app" {
  ami                    = data.aws_ami.app.id
  instance_type          = "t3.medium"
  subnet_id              = var.subnet_ids[0]
  vpc_security_group_ids = [aws_security_group.app.id]
  iam_instance_profile   = aws_iam_instance_profile.app.name

  root_block_device {
    volume_size = 20
    encrypted   = true
  }

  tags = merge(local.tags, { Name = "\${local.name}-app" })
}
`,
  'storage.tf': `resource "aws_kms_key" "data" {
  description         = "Orders data at rest"
  enable_key_rotation = true

  tags = local.tags

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "uploads" {
  bucket = "\${local.name}-uploads"

  tags = merge(local.tags, { Name = "\${local.name}-uploads" })

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_db_subnet_group" "orders" {
  name       = "\${local.name}-db"
  subnet_ids = var.subnet_ids

  tags = local.tags
}

resource "aws_db_instance" "orders" {
  identifier              = "\${local.name}-db"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t3.medium"
  allocated_storage       = 50
  db_name                 = "orders"
  username                = "orders_admin"
  password                = var.db_password
  db_subnet_group_name    = aws_db_subnet_group.orders.name
  vpc_security_group_ids  = [aws_security_group.db.id]
  publicly_accessible     = false
  storage_encrypted       = true
  kms_key_id              = aws_kms_key.data.arn
  deletion_protection     = true
  backup_retention_period = 7
  skip_final_snapshot     = false

  tags = local.tags

  lifecycle {
    prevent_destroy = true
  }
}
`,
  'iam.tf': `resource "aws_iam_role" "app" {
  name = "\${local.name}-app"

  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })

  tags = local.tags
}

resource "aws_iam_instance_profile" "app" {
  name = "\${local.name}-app"
  role = aws_iam_role.app.name

  tags = local.tags
}

resource "aws_iam_policy" "app" {
  name = "\${local.name}-app"

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "\${aws_s3_bucket.uploads.arn}/*"
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.data.arn
      },
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "\${aws_cloudwatch_log_group.app.arn}:*"
      },
    ]
  })

  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.app.arn
}
`,
  'observability.tf': `resource "aws_cloudwatch_log_group" "app" {
  name              = "/orders/\${var.environment}/app"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.data.arn

  tags = local.tags
}

module "alarms" {
  source = "git::https://github.com/acme/terraform-aws-service-alarms.git?ref=v2.3.1"

  service       = local.name
  log_group     = aws_cloudwatch_log_group.app.name
  db_identifier = aws_db_instance.orders.identifier
}

module "vpc_endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "5.8.1"

  vpc_id = var.vpc_id
  endpoints = {
    s3 = { service = "s3", service_type = "Gateway" }
  }
  tags = local.tags
}
`,
  'outputs.tf': `output "db_endpoint" {
  description = "Address the API connects to."
  value       = aws_db_instance.orders.address
}

output "uploads_bucket" {
  description = "Bucket for customer uploads."
  value       = aws_s3_bucket.uploads.bucket
}
`,
};
