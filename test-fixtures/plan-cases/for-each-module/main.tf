# Reviewed with plan.json beside it.
# fixture-rules: plan/destroys-stateful, plan/replaces-stateful
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "queue" {
  for_each = toset(["orders", "emails"])
  source   = "./modules/queue"

  name = each.key
}
