module "pessimistic" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.1.2" # expect: versioning/module-source-pinned
}

module "range" {
  source  = "terraform-aws-modules/eks/aws"
  version = ">= 19.0, < 20.0" # expect: versioning/module-source-pinned
}

module "missing" {
  source = "terraform-aws-modules/rds/aws" # expect: versioning/module-source-pinned
}

module "exact_bare" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.1.2"
}

module "exact_equals" {
  source  = "terraform-aws-modules/iam/aws"
  version = "= 5.39.1"
}

# requireExact is about registry constraints: a git tag is still accepted.
module "git_tag" {
  source = "git::https://example.com/network.git?ref=v1.2.3"
}
