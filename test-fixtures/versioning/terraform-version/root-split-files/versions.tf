# The finding goes where the version settings live: the terraform block with required_providers.
terraform { # expect: versioning/terraform-version[warning]
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
  }
}
