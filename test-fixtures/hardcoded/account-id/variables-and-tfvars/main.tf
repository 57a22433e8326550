# Passing: account ids in variables, locals and tfvars, used through references.
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = [var.account_id]
}

variable "account_id" {
  type    = string
  default = "123456789012"
}

variable "partner_role_arn" {
  type = string
}

resource "aws_iam_role" "partner" {
  name = "partner"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.partner_role_arn }
      Action    = "sts:AssumeRole"
    }]
  })
}
