# An aliased provider block alone does not make a root module.
provider "aws" { # expect: versioning/provider-pinned
  alias = "replica"
}

module "replica_bucket" {
  source = "./modules/bucket"
  providers = {
    aws = aws.replica
  }
}
