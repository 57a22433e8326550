# Reviewed with plan.json beside it: the plan decides the three items the code alone leaves undecided.
# fixture-rules: tagging/required-tags, iam/wildcard-action
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "default_tags" {
  type        = map(string)
  description = "Tags every resource carries (set per environment in its tfvars)."
}

variable "reader_actions" {
  type        = list(string)
  description = "What the reporting job may do on the bucket."
}

provider "aws" {
  region = "eu-west-1"

  default_tags {
    tags = var.default_tags
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"

  tags = {
    Name = "reports"
  }
}

data "aws_iam_policy_document" "reader" {
  statement {
    actions   = var.reader_actions
    resources = ["${aws_s3_bucket.reports.arn}/*"]
  }
}

resource "aws_iam_policy" "reader" {
  name   = "reports-reader"
  policy = data.aws_iam_policy_document.reader.json
}
