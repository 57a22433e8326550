module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = ">= 5.0" # iac-review:ignore versioning/module-source-pinned -- pinned by the registry mirror, PLAT-12
}
