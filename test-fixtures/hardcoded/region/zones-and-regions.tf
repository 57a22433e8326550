resource "aws_subnet" "a" {
  vpc_id            = "vpc-0123456789abcdef0"
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a" # expect: hardcoded/region[info]
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "Cache in eu-west-1"
  # One finding per string: each is a place to change.
  preferred_cache_cluster_azs = [
    "us-gov-west-1a", # expect: hardcoded/region
    "us-gov-west-1b", # expect: hardcoded/region
  ]
}

# The region argument (AWS provider v6, and modules that pass it on) chooses the region as a provider block does.
data "aws_vpc_endpoint_service" "s3" {
  service = "s3"
  region  = "cn-north-1"
}

module "network" {
  source  = "./modules/network"
  region  = "ap-southeast-2"
  version = "1.0.0"
}
