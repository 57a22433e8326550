# Realistic module exercising the native syntax forms the parser must handle.
terraform {
  required_version = ">= 1.6.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }

  backend "s3" {
    bucket = "tf-state-example"
    key    = "network/terraform.tfstate"
    region = "eu-west-1"
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Owner       = "platform"
      Environment = var.environment
      CostCenter  = "1234"
    }
  }
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

locals {
  name_prefix = "${var.project}-${var.environment}"
  azs         = slice(data.aws_availability_zones.available.names, 0, 3)
  subnet_cidrs = [for i, az in local.azs : cidrsubnet(var.vpc_cidr, 8, i)]
  subnets_by_az = { for i, az in local.azs : az => local.subnet_cidrs[i] }
  grouped = { for s in var.services : s.team => s.name... if s.enabled }
  common_tags = merge(var.tags, {
    "Module" = "network"
    Name     = local.name_prefix
  })
  is_prod     = var.environment == "prod" && !var.force_dev
  replicas    = local.is_prod ? 3 : 1
  ratio       = (var.max - var.min) / 2 * 1.5e2 % 7
  negative    = -1
  first_id    = aws_subnet.private[0].id
  all_ids     = aws_subnet.private[*].id
  legacy_ids  = aws_subnet.private.*.id
  legacy_idx  = aws_subnet.private.0.id
  arn_parts   = provider::aws::arn_parse(aws_s3_bucket.logs.arn)
  max_size    = max(local.sizes...)
  nothing     = null
  flags       = [true, false, null, 1, 2.5, "three"]
  compare     = var.count >= 2 || var.count < 0 || var.a != var.b || var.x <= 1 || var.y > 0
}

/* A block comment
   spanning lines */
data "aws_availability_zones" "available" {
  state = "available"
}

// Slash comment
resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  tags                 = merge(local.common_tags, { Name = "${local.name_prefix}-vpc" })
}

resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.main.id
  cidr_block        = local.subnet_cidrs[count.index]
  availability_zone = local.azs[count.index]

  tags = {
    Name = format("%s-private-%s", local.name_prefix, local.azs[count.index])
    Tier = "private"
  }

  lifecycle {
    create_before_destroy = true
    ignore_changes        = [tags["LastScanned"]]
  }
}

resource "aws_security_group" "web" {
  name   = "${local.name_prefix}-web"
  vpc_id = aws_vpc.main.id

  dynamic "ingress" {
    for_each = var.ingress_rules
    iterator = rule
    content {
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"
      cidr_blocks = rule.value.cidrs
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "${local.name_prefix}-logs"
  lifecycle { prevent_destroy = true }
}

module "vpc_endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "5.5.1"

  vpc_id = aws_vpc.main.id
  endpoints = {
    s3 = {
      service = "s3"
      tags    = { Name = "s3-endpoint" }
    },
  }
  providers = {
    aws = aws.us
  }
  depends_on = [aws_vpc.main]
}

output "subnet_ids" {
  description = "IDs of the private subnets"
  value       = aws_subnet.private[*].id
  sensitive   = false
}

moved {
  from = aws_s3_bucket.old
  to   = aws_s3_bucket.logs
}

check "health" {
  assert {
    condition     = length(local.azs) > 1
    error_message = "Need \"at least\" two AZs.\tTabs\\backslashes \u00e9 \U0001F600 too."
  }
}
