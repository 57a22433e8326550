module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  # iac-review:ignore versioning/module-source-pinned -- the platform team pins this through the registry mirror, PLAT-12
  version = ">= 5.0"
}
