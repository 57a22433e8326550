# `providers` passes only what it lists: the callee's default `aws` is the
# caller's `aws.tagged`, whose default tags cover the required keys.
provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "tagged"
  region = "eu-west-1"

  default_tags {
    tags = {
      Owner       = "platform"
      Environment = "prod"
      CostCenter  = "cc-1234"
    }
  }
}

module "logs" {
  source    = "./modules/bucket"
  name      = "acme-logs"
  providers = { aws = aws.tagged }
}

# Without `providers` it gets the default `aws`, which has no default tags: the
# callee's default tags ({}) decide, so the finding is on the module block.
module "untagged" { # expect: tagging/required-tags
  source = "./modules/bucket"
  name   = "acme-untagged"
}
