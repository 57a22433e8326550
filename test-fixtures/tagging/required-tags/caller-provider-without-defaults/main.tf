# The caller's provider has no default tags, and the tags it passes lack
# CostCenter: the finding is the caller's, on the argument that decides it.
provider "aws" {
  region = "eu-west-1"
}

module "logs" {
  source = "./modules/bucket"
  name   = "acme-logs"
  tags   = { Owner = "platform", Environment = "prod" } # expect: tagging/required-tags
}
