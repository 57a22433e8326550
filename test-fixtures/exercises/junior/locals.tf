locals {
  name = "wiki-${var.environment}"

  tags = {
    Owner       = "platform-team"
    Environment = var.environment
    CostCenter  = "cc-2001"
  }
}
