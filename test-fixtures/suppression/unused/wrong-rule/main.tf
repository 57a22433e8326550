module "vpc" {
  # expect: suppression/unused
  # iac-review:ignore naming/identifier-format -- the module decides its own names
  source = "terraform-aws-modules/vpc/aws" # expect: versioning/module-source-pinned
}
