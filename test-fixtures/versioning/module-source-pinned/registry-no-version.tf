# A registry module without a version takes whatever was published last.
module "vpc" { # expect: versioning/module-source-pinned
  source = "terraform-aws-modules/vpc/aws"

  name = "main"
  cidr = "10.0.0.0/16"
}

# Private registry address with a hostname, and a subdirectory.
# expect: versioning/module-source-pinned
module "consul_cluster" {
  source = "app.terraform.io/acme/consul/aws//modules/consul-cluster"
}
