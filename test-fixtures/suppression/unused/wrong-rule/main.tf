module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  # expect: suppression/unused
  # iac-review:ignore naming/identifier-format -- the module decides its own names
  version = ">= 5.0" # expect: versioning/module-source-pinned
}
