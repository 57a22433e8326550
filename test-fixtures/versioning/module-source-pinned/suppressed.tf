# Existing suppressions keep working: iac-review's own, and Checkov's for the mapped ids.

# iac-review:ignore versioning/module-source-pinned -- internal fork tracks main by design, approved in PLAT-311
module "forked_network" {
  source = "git::https://git.example.com/platform/network.git?ref=main"
}

module "legacy_vpc" {
  #checkov:skip=CKV_TF_1:pinned by the monorepo release process
  source = "github.com/acme/terraform-vpc"
}
