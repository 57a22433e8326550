tags = {
  Owner       = "ops"
  Environment = "prod"
  CostCenter  = "cc-9"
}
