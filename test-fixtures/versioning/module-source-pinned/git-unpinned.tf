module "no_ref" {
  source = "git::https://example.com/network.git" # expect: versioning/module-source-pinned
}

module "main_branch" {
  source = "git::https://example.com/network.git//modules/vpc?ref=main" # expect: versioning/module-source-pinned
}

module "master_over_ssh" {
  source = "git::ssh://git@example.com/network.git?ref=master" # expect: versioning/module-source-pinned
}

module "scp_style" {
  source = "git@github.com:acme/network.git?ref=develop" # expect: versioning/module-source-pinned
}

module "github_shorthand" {
  source = "github.com/acme/terraform-network" # expect: versioning/module-source-pinned
}

module "github_trunk" {
  source = "github.com/acme/terraform-network//vpc?ref=trunk" # expect: versioning/module-source-pinned
}

module "bitbucket" {
  source = "bitbucket.org/acme/terraform-network?ref=HEAD" # expect: versioning/module-source-pinned
}

module "feature_branch" {
  source = "git::https://example.com/network.git?ref=feature/new-subnets" # expect: versioning/module-source-pinned
}

module "explicit_branch" {
  source = "git::https://example.com/network.git?ref=refs/heads/v2" # expect: versioning/module-source-pinned
}

module "mercurial" {
  source = "hg::http://example.com/network.hg" # expect: versioning/module-source-pinned
}
