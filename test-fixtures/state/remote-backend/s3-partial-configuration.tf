# Partial configuration: bucket, key, encrypt and locking come from
# `terraform init -backend-config=prod.s3.tfbackend`. Not decidable here: the
# review checklist asks a human to check the backend config file.
terraform {
  backend "s3" {}
}

provider "aws" {
  region = "eu-west-1"
}
