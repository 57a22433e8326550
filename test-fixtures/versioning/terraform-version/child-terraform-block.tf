# A reusable module (no backend, no configured provider): information for its callers.
terraform { # expect: versioning/terraform-version[info]
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

resource "aws_s3_bucket" "this" {
  bucket = "logs"
}
