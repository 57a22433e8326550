module "local_sibling" {
  source = "./modules/network"
}

module "local_parent" {
  source = "../shared/tags"
}

# Archives have no version selector Terraform can check: listed in the checklist, never a diagnostic.
module "s3_archive" {
  source = "s3::https://s3-eu-west-1.amazonaws.com/acme-modules/network.zip"
}

module "s3_archive_versioned" {
  source = "s3::https://s3-eu-west-1.amazonaws.com/acme-modules/network-1.4.0.zip"
}

module "http_archive" {
  source = "https://example.com/modules/network-v2.1.zip"
}
