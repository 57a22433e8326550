module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = ">= 5.0" # expect: versioning/module-source-pinned
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "> 19" # expect: versioning/module-source-pinned
}

module "rds" {
  source  = "terraform-aws-modules/rds/aws"
  version = "!= 6.2.0" # expect: versioning/module-source-pinned
}

# For modules Terraform uses go-version, where a one-segment `~> 5` means `>= 5`.
module "s3" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "~> 4" # expect: versioning/module-source-pinned
}

module "empty" {
  source  = "terraform-aws-modules/iam/aws"
  version = "" # expect: versioning/module-source-pinned
}
