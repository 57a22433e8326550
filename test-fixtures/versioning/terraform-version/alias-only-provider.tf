# `alias` alone does not configure a provider: still a child module, and the version is set.
terraform {
  required_version = ">= 1.5"
}

provider "aws" {
  alias = "replica"
}
