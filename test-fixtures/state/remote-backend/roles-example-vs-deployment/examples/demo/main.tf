# fixture-rules: lifecycle/prevent-destroy, tagging/required-tags, variables/typed-described, iam/wildcard-action
# An example (SPEC §2a): only the security rules apply, so no backend, prevent_destroy, tags or descriptions are asked of it.
terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "demo" {
  bucket = "demo-bucket"
}

variable "suffix" {}

resource "aws_iam_policy" "demo" {
  name   = "demo"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] # expect: iam/wildcard-action
  })
}
