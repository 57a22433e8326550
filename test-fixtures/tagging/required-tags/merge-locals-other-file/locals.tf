locals {
  common_tags = {
    Owner       = "payments"
    Environment = "prod"
  }
  full_tags = merge(local.common_tags, { CostCenter = "cc-42" })
}
