locals {
  common_tags = {
    Owner       = "billing-team"
    Environment = var.environment
  }
}
