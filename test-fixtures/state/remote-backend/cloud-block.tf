terraform {
  cloud {
    organization = "acme"

    workspaces {
      name = "network-prod"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}
