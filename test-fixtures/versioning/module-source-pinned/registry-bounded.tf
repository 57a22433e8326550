module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.1"
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "= 19.21.0"
}

module "rds" {
  source  = "terraform-aws-modules/rds/aws"
  version = "6.2.0"
}

module "s3" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = ">= 4, < 5"
}

module "consul_cluster" {
  source  = "app.terraform.io/acme/consul/aws//modules/consul-cluster"
  version = "~> 0.4.2"
}
