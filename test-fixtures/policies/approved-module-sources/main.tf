module "vpc" {
  source  = "app.terraform.io/acme/vpc/aws"
  version = "~> 2.3"
}

module "old_vpc" {
  source  = "app.terraform.io/acme/vpc/aws"
  version = ">= 1.4, < 3.0" # expect: acme/approved-module-source
}

module "public_vpc" {
  source  = "terraform-aws-modules/vpc/aws" # expect: acme/approved-module-source
  version = "5.8.1"
}

module "dns" {
  source = "git::https://git.acme.example/platform/dns.git?ref=v2.1.0"
}

module "old_dns" {
  source = "git::https://git.acme.example/platform/dns.git?ref=v1.9.0" # expect: acme/approved-module-source
}

module "forked" {
  source = "git::https://github.com/someone/dns.git?ref=v3.0.0" # expect: acme/approved-module-source
}

module "unpinned" { # expect: acme/approved-module-source
  source = "app.terraform.io/acme/queue/aws"
}

module "local" {
  source = "./modules/local"
  name   = "x"
}
