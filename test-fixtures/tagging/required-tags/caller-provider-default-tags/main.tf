# The callee has no provider block: it uses this one, whose default tags
# cover every required key. Nothing to report, and nothing left undecided.
provider "aws" {
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
  source = "./modules/bucket"
  name   = "acme-logs"
  tags   = { Service = "logging" }
}
