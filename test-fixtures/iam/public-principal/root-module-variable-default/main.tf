# A root module (configured provider): var.trusted_principals is its default here.
provider "aws" {
  region = "eu-west-1"
}

variable "trusted_principals" {
  type    = list(string)
  default = ["*"]
}

data "aws_iam_policy_document" "trust" {
  statement { # expect: iam/public-principal
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = var.trusted_principals
    }
  }
}
