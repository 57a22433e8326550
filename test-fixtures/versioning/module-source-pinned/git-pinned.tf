module "tag" {
  source = "git::https://example.com/network.git?ref=v1.2.3"
}

module "tag_with_subdir" {
  source = "git::https://example.com/network.git//modules/vpc?ref=v2.0.1"
}

module "monorepo_tag" {
  source = "github.com/acme/modules//vpc?ref=vpc/v1.4.0"
}

module "explicit_tag" {
  source = "git@github.com:acme/network.git?ref=refs/tags/2024-q3"
}

module "full_sha" {
  source = "git::ssh://git@example.com/network.git?ref=4f9c2a7e1b3d5f60718293a4b5c6d7e8f9012345"
}

module "short_sha" {
  source = "bitbucket.org/acme/terraform-network?ref=4f9c2a7"
}

# Could be a tag or a branch; only the repository knows, so not reported by default.
module "ambiguous_name" {
  source = "git::https://example.com/network.git?ref=stable"
}
