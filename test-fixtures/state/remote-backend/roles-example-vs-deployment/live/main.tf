# fixture-rules: lifecycle/prevent-destroy, tagging/required-tags, variables/typed-described, iam/wildcard-action
# The same root module as a deployment: every rule applies.
terraform { # expect: state/remote-backend
  required_version = ">= 1.5"
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "demo" { # expect: lifecycle/prevent-destroy, tagging/required-tags
  bucket = "demo-bucket"
}

variable "suffix" {} # expect: variables/typed-described

resource "aws_iam_policy" "demo" { # expect: tagging/required-tags
  name   = "demo"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] # expect: iam/wildcard-action
  })
}
