module "vpc" { # expect: refactor/missing-moved-block
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.1"

  cidr = "10.0.0.0/16"
}
