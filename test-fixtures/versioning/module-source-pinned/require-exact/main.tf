module "pessimistic" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.1.2" # expect: versioning/module-source-pinned
}

module "range" {
  source  = "terraform-aws-modules/eks/aws"
  version = ">= 19.0, < 20.0" # expect: versioning/module-source-pinned
}

module "missing" { # expect: versioning/module-source-pinned
  source = "terraform-aws-modules/rds/aws"
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

# A list is not one version, even a list of versions (this one selects nothing).
module "list_of_versions" {
  source  = "terraform-aws-modules/sqs/aws"
  version = "1.0.0, 1.0.1" # expect: versioning/module-source-pinned
}

module "list_with_pin" {
  source  = "terraform-aws-modules/sns/aws"
  version = ">= 1.0, = 1.2.3" # expect: versioning/module-source-pinned
}

module "not_equal" {
  source  = "terraform-aws-modules/kms/aws"
  version = "!= 1.0.0" # expect: versioning/module-source-pinned
}

# One version however it is spelt: a v prefix, a pre-release, two segments (Terraform reads 1.0 as 1.0.0).
module "exact_v" {
  source  = "terraform-aws-modules/alb/aws"
  version = "v9.1.0"
}

module "exact_prerelease" {
  source  = "terraform-aws-modules/ecs/aws"
  version = "5.0.0-beta"
}

module "exact_two_segments" {
  source  = "terraform-aws-modules/acm/aws"
  version = "= 5.0"
}
