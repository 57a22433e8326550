module "tag" {
  source = "git::https://example.com/network.git?ref=v1.2.3" # expect: versioning/module-source-pinned
}

module "short_sha" {
  source = "github.com/acme/terraform-network?ref=4f9c2a7" # expect: versioning/module-source-pinned
}

module "ambiguous_name" {
  source = "git::https://example.com/network.git?ref=stable" # expect: versioning/module-source-pinned
}

module "full_sha" {
  # v1.2.3
  source = "git::https://example.com/network.git?ref=4f9c2a7e1b3d5f60718293a4b5c6d7e8f9012345"
}

# requireCommitHash is about git refs: a bounded registry constraint is still accepted.
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.1"
}
