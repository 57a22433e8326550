locals {
  name = "orders-${var.environment}"

  # CostCenter is missing: every resource of this module lacks it.
  common_tags = {
    Owner       = "team-orders"
    Environment = var.environment
  }
}
