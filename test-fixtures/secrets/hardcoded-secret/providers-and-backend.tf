terraform {
  backend "s3" {
    bucket     = "acme-state"
    key        = "app.tfstate"
    region     = "eu-west-1"
    access_key = "AKIA2E0A8F3B244C9986" # expect: secrets/hardcoded-secret
    secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE" # expect: secrets/hardcoded-secret
  }
}

provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIA2E0A8F3B244C9986" # expect: secrets/hardcoded-secret
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE" # expect: secrets/hardcoded-secret
}

provider "github" {
  owner = "acme"
  token = "ghp_0123456789abcdefghijklmnopqrstuvwxyz" # expect: secrets/hardcoded-secret
}

module "db" {
  source          = "./modules/db"
  master_password = "module-input-pw" # expect: secrets/hardcoded-secret
}
