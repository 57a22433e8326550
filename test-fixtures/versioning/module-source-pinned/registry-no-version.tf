# A registry module without a version takes whatever was published last.
module "vpc" {
  source = "terraform-aws-modules/vpc/aws" # expect: versioning/module-source-pinned

  name = "main"
  cidr = "10.0.0.0/16"
}

# Private registry address with a hostname, and a subdirectory.
module "consul_cluster" {
  # expect: versioning/module-source-pinned
  source = "app.terraform.io/acme/consul/aws//modules/consul-cluster"
}
