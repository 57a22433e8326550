module "vpc" {
  source  = "terraform-aws-modules/vpc/aws" # iac-review:ignore versioning/module-source-pinned -- mirror # expect: suppression/unused
  version = "~> 5.1"
}
