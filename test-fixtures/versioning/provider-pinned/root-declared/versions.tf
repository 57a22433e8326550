terraform {
  required_version = "~> 1.9"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.40"
    }
    # For providers, `~> 3` means >= 3.0.0, < 4.0.0 (unlike module versions).
    random = {
      source  = "hashicorp/random"
      version = "~> 3"
    }
    datadog = {
      source  = "DataDog/datadog"
      version = ">= 3.40, < 4.0"
    }
  }
  backend "s3" {
    bucket = "acme-state"
    key    = "app.tfstate"
    region = "eu-west-1"
  }
}
