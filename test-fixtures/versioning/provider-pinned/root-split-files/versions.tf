terraform {
  required_version = "~> 1.9"
  required_providers { # expect: versioning/provider-pinned
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0" # expect: versioning/provider-pinned
    }
    random = { source = "hashicorp/random", version = ">= 3.0, < 4.0" }
  }
}
