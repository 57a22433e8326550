# fixture-rules: network/public-database, encryption/at-rest, lifecycle/prevent-destroy, iam/wildcard-action, tagging/required-tags
# Registry modules that `terraform init` has not installed here: the review reads what the plan says their resources
# will be, and places each finding on the module block. What a plan does not record (lifecycle) is not judged.
module "orders_db" { # expect: network/public-database, encryption/at-rest
  source  = "terraform-aws-modules/rds/aws"
  version = "6.10.0"

  identifier = "orders"
}

module "ci_role" { # expect: iam/wildcard-action
  source  = "acme/ci-role/aws"
  version = "1.2.0"
}

module "reports_db" {
  source  = "terraform-aws-modules/rds/aws"
  version = "6.10.0"

  identifier = "reports"
}
